import { BarChart, CandlestickChart, PieChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

// Only the parts the two charts use, so the bundle stays small. Canvas for the live candles; SVG for the ring,
// whose few labels are then real text a screen reader and the layout test can read.
echarts.use([CandlestickChart, BarChart, PieChart, GridComponent, TooltipComponent, MarkLineComponent, DataZoomComponent, CanvasRenderer, SVGRenderer]);

export { echarts };
export type ChartOption = echarts.EChartsCoreOption;
