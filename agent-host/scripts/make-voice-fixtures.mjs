// Makes the spoken test fixtures in test/fixtures/ from test/fixtures/utterances.json: 16 kHz
// mono 16-bit WAV, speech by espeak-ng (voice en-us, 150 words a minute) with 0.3 s of
// silence either side, silence and noise by sox. Run once; the tests only read the WAVs.
//
//   apt-get install -y espeak-ng sox
//   node agent-host/scripts/make-voice-fixtures.mjs
//
// For each spoken fixture that is:
//   espeak-ng -v en-us -s 150 -w tmp.wav "<say>"
//   sox tmp.wav -r 16000 -c 1 -b 16 <file> pad 0.3 0.3
// for silence:  sox -n -r 16000 -c 1 -b 16 <file> trim 0 <seconds>
// for noise:    sox -n -r 16000 -c 1 -b 16 <file> synth <seconds> <noise> vol <volume>
// (made with espeak-ng 1.51 and sox 14.4.2 from Debian 12)

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const dir = path.resolve(import.meta.dirname, "../test/fixtures");
const { sample_rate: rate, fixtures } = JSON.parse(
  readFileSync(path.join(dir, "utterances.json"), "utf8"),
);
const format = ["-r", String(rate), "-c", "1", "-b", "16"];
const work = mkdtempSync(path.join(tmpdir(), "fixtures-"));
for (const fixture of fixtures) {
  const out = path.join(dir, fixture.file);
  if (fixture.say) {
    const raw = path.join(work, "speech.wav");
    execFileSync("espeak-ng", ["-v", "en-us", "-s", "150", "-w", raw, fixture.say]);
    execFileSync("sox", [raw, ...format, out, "pad", "0.3", "0.3"]);
  } else if (fixture.noise) {
    execFileSync(
      "sox",
      ["-n", ...format, out, "synth", String(fixture.seconds), fixture.noise].concat([
        "vol",
        String(fixture.volume),
      ]),
    );
  } else {
    execFileSync("sox", ["-n", ...format, out, "trim", "0", String(fixture.seconds)]);
  }
  console.log(`${fixture.file}: ${execFileSync("soxi", ["-D", out]).toString().trim()} s`);
}
rmSync(work, { recursive: true });
