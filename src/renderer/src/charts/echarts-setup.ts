import { BarChart, CandlestickChart, PieChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// Only the parts the two charts use, so the bundle stays small. SVG rather
// than canvas: crisp at any zoom, and screen readers and tests can reach it.
echarts.use([CandlestickChart, BarChart, PieChart, GridComponent, TooltipComponent, MarkLineComponent, DataZoomComponent, SVGRenderer]);

export { echarts };
export type ChartOption = echarts.EChartsCoreOption;
