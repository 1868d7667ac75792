import { readFileSync } from "node:fs";
import path from "node:path";

// The spoken fixtures (test/fixtures/*.wav, made by scripts/make-voice-fixtures.mjs): 16-bit
// mono PCM, read from their RIFF chunks, with what each one says.

export interface Utterance {
  file: string;
  samples: Int16Array;
  sampleRate: number;
  /** What a speech-to-text service returns for it ("" for silence or noise). */
  transcript: string;
}

const FIXTURES = path.resolve(import.meta.dirname, "fixtures");

export function readWav(file: string): { samples: Int16Array; sampleRate: number } {
  const data = readFileSync(path.join(FIXTURES, file));
  if (data.toString("ascii", 0, 4) !== "RIFF" || data.toString("ascii", 8, 12) !== "WAVE")
    throw new Error(`${file}: not a WAV file`);
  let sampleRate = 0;
  for (let at = 12; at + 8 <= data.length; ) {
    const id = data.toString("ascii", at, at + 4);
    const size = data.readUInt32LE(at + 4);
    if (id === "fmt ") {
      if (data.readUInt16LE(at + 8) !== 1 || data.readUInt16LE(at + 10) !== 1)
        throw new Error(`${file}: expected mono PCM`);
      sampleRate = data.readUInt32LE(at + 12);
      if (data.readUInt16LE(at + 22) !== 16) throw new Error(`${file}: expected 16-bit samples`);
    } else if (id === "data") {
      const pcm = new Int16Array(size / 2);
      for (let i = 0; i < pcm.length; i++) pcm[i] = data.readInt16LE(at + 8 + i * 2);
      return { samples: pcm, sampleRate };
    }
    at += 8 + size + (size % 2);
  }
  throw new Error(`${file}: no data chunk`);
}

/** Every fixture listed in fixtures/utterances.json, by file name. */
export function utterances(): Record<string, Utterance> {
  const list = JSON.parse(readFileSync(path.join(FIXTURES, "utterances.json"), "utf8")) as {
    fixtures: Array<{ file: string; transcript: string }>;
  };
  return Object.fromEntries(
    list.fixtures.map(({ file, transcript }) => [file, { file, transcript, ...readWav(file) }]),
  );
}
