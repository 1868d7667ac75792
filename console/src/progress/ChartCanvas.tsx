import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";
import { useEffect, useRef } from "react";

// Chart.js on a canvas, registering only the parts the Progress charts use (bars and lines),
// so the chunk stays small. The canvas is an image to assistive technology; the numbers are
// in the table beside each chart.

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Legend,
  Tooltip,
);

export function ChartCanvas({
  config,
  label,
  height,
}: {
  config: ChartConfiguration;
  label: string;
  /** In CSS pixels; the stylesheet's .chart height otherwise. */
  height?: number;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      ...config,
      options: { animation: false, maintainAspectRatio: false, ...config.options },
    });
    return () => chart.destroy();
  }, [config]);
  return (
    <div className="chart" style={height ? { height } : undefined}>
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}
