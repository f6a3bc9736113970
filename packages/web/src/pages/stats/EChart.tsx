import { useEffect, useRef } from 'react';
import type { ChartOption } from './echarts';

type Chart = ReturnType<typeof import('./echarts')['init']>;

/**
 * One ECharts chart on a canvas that fills its box: it follows the box's width (a phone held
 * upright, a sider opening) and is disposed with the component. ECharts itself is loaded when
 * the first chart is drawn, so no other page downloads it.
 */
export function EChart({ option, label, testId }: { option: ChartOption; label: string; testId: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<Chart | null>(null);
  const latest = useRef(option);
  latest.current = option;

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    let disposed = false;
    let observer: ResizeObserver | undefined;
    void import('./echarts').then(({ init }) => {
      if (disposed) return;
      const instance = init(element, undefined, { renderer: 'canvas' });
      instance.setOption(latest.current, { notMerge: true });
      chart.current = instance;
      observer = new ResizeObserver(() => instance.resize());
      observer.observe(element);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={box} className="stats-chart" role="img" aria-label={label} data-testid={testId} />;
}
