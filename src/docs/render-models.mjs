// Renders every process model in bpmn/ to an SVG image in this folder with bpmn-js, the renderer Camunda Modeler
// and Cockpit use, in a headless Chromium. The README shows these images, so they are drawn from the models
// themselves and never by hand. Usage (needs Node.js and Chromium):
//   cd src/docs && npm install && CHROMIUM=/usr/bin/chromium npm run render
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const models = path.resolve(here, '../../bpmn');
const bpmnJs = path.join(here, 'node_modules/bpmn-js/dist');
const viewer = fs.readFileSync(path.join(bpmnJs, 'bpmn-viewer.production.min.js'), 'utf8');
const css = ['diagram-js.css', 'bpmn-js.css', 'bpmn-font/css/bpmn-embedded.css']
  .map(file => fs.readFileSync(path.join(bpmnJs, 'assets', file), 'utf8')).join('\n');

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run']
});
try {
  const page = await browser.newPage();
  await page.setContent(`<html><head><style>${css}</style></head><body><div id="canvas"></div></body></html>`);
  await page.addScriptTag({ content: viewer });
  for (const file of fs.readdirSync(models).filter(name => name.endsWith('.bpmn')).sort()) {
    const xml = fs.readFileSync(path.join(models, file), 'utf8');
    const svg = await page.evaluate(async xml => {
      const modeler = new BpmnJS({ container: '#canvas' });
      const { warnings } = await modeler.importXML(xml);
      if (warnings.length) throw new Error(warnings.map(warning => warning.message).join('; '));
      const { svg } = await modeler.saveSVG();
      modeler.destroy();
      return svg;
    }, xml);
    const target = path.join(here, file.replace(/\.bpmn$/, '.svg'));
    fs.writeFileSync(target, svg + '\n');
    console.log('rendered', path.relative(process.cwd(), target));
  }
} finally {
  await browser.close();
}
