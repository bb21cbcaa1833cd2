import * as echarts from 'echarts';
import { Resvg } from '@resvg/resvg-js';
import { CJK_FONT_FAMILY, CJK_FONT_FILES } from './cjk-font';
import type { Chart } from './report-document';

/** A chart's size in CSS pixels (PDF points and spreadsheet pixels alike). */
export const CHART_SIZE = { width: 640, height: 360 } as const;

/** Pixels per CSS pixel in the PNG, so that a chart stays sharp when a spreadsheet is zoomed. */
const PNG_SCALE = 2;

function option(chart: Chart): echarts.EChartsCoreOption {
  const common = {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: CJK_FONT_FAMILY },
    title: {
      text: chart.title,
      left: 'center',
      top: 8,
      textStyle: { fontFamily: CJK_FONT_FAMILY, fontSize: 16 },
    },
  };
  if (chart.type === 'pie') {
    // A pie shows one series: its slices are the categories.
    const [series] = chart.series;
    return {
      ...common,
      legend: { orient: 'vertical', left: 8, top: 40 },
      series: [
        {
          type: 'pie',
          name: series?.name,
          radius: '60%',
          center: ['55%', '56%'],
          // No halo: svg-to-pdfkit ignores paint-order and would paint the white outline over the text.
          label: { formatter: '{b}：{d}%', textBorderColor: 'transparent' },
          data: chart.categories.map((name, index) => ({ name, value: series?.values[index] ?? 0 })),
        },
      ],
    };
  }
  return {
    ...common,
    legend: chart.series.length > 1 ? { top: 36 } : undefined,
    grid: { left: 16, right: 24, top: chart.series.length > 1 ? 72 : 52, bottom: 16, containLabel: true },
    xAxis: { type: 'category', data: chart.categories, axisLabel: { interval: 0, hideOverlap: true } },
    yAxis: { type: 'value' },
    series: chart.series.map((series) => ({ type: 'bar', name: series.name, data: series.values })),
  };
}

/**
 * The chart as an SVG string, drawn by ECharts' server-side renderer (no DOM). Its text names the
 * CJK family, which the PDF and PNG renderers map to the shipped Noto Sans SC file.
 */
export function chartSvg(chart: Chart): string {
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, ...CHART_SIZE });
  try {
    instance.setOption(option(chart));
    return instance.renderToSVGString();
  } finally {
    instance.dispose();
  }
}

/** The chart as a PNG (for XLSX), rasterized by resvg with only the shipped CJK fonts loaded. */
export function chartPng(chart: Chart): Buffer {
  const resvg = new Resvg(chartSvg(chart), {
    fitTo: { mode: 'zoom', value: PNG_SCALE },
    font: {
      loadSystemFonts: false,
      fontFiles: [CJK_FONT_FILES.regular, CJK_FONT_FILES.bold],
      defaultFontFamily: CJK_FONT_FAMILY,
    },
  });
  return resvg.render().asPng();
}
