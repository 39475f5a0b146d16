import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { amountText, amountValue, type ReportSection } from '../../views/termlyReport.ts';

/**
 * A section's figures as a horizontal bar chart, drawn to SVG on the server by Vega-Lite and Vega
 * (no browser, no canvas); the reference line marks the whole school's figure when there is one.
 */
export async function chartSvg(section: ReportSection): Promise<string> {
  const percent = section.unit === 'percent';
  const bars = section.figures.map((f) => ({ label: f.label, value: amountValue(f.amount), text: amountText(f.amount) }));
  const barLayer = {
    mark: { type: 'bar', color: '#2f5d8a' },
    encoding: {
      y: { field: 'label', type: 'nominal', sort: null, title: null, axis: { labelLimit: 400 } },
      x: { field: 'value', type: 'quantitative', title: percent ? 'Percent' : 'Pupils or times', ...(percent ? { scale: { domain: [0, 100] } } : { axis: { tickMinStep: 1 } }) },
      tooltip: [{ field: 'label' }, { field: 'text' }],
    },
  };
  const reference = section.reference && {
    data: { values: [section.reference] },
    mark: { type: 'rule', color: '#b00020', strokeWidth: 2, strokeDash: [6, 3] },
    encoding: { x: { field: 'value', type: 'quantitative' } },
  };
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `${section.title}: ${bars.map((f) => `${f.label} ${f.text}`).join('; ')}${section.reference ? `; ${section.reference.label} ${section.reference.value}%` : ''}`,
    width: 360,
    height: { step: 28 },
    data: { values: bars },
    layer: reference ? [barLayer, reference] : [barLayer],
    config: { font: 'Helvetica, Arial, sans-serif', axis: { labelFontSize: 12, titleFontSize: 12 }, view: { stroke: null } },
  } as TopLevelSpec;
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
