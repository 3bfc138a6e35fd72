// The deployment graph for the "greylint: Show deployment graph" command,
// without VS Code (so that node tests run it): `greylint graph --format svg`
// on a folder, and the webview page that shows the SVG as an image. The
// page runs no script (the webview has none enabled, and its policy allows
// only the image), and the SVG, which holds names from the files, is an
// image: nothing in it can run or reach the page.
import { execFile } from 'child_process';

export interface GraphResult {
  svg?: string;
  error?: string;
}

// drawGraph runs `greylint graph --format svg -- folder`.
export function drawGraph(binary: string, folder: string): Promise<GraphResult> {
  return new Promise((resolve) => {
    execFile(binary, ['graph', '--format', 'svg', folder], { maxBuffer: 64 << 20, timeout: 60000 }, (err, stdout, stderr) => {
      if (stdout.startsWith('<svg')) {
        resolve({ svg: stdout }); // exit 3: a file was unreadable, the rest is drawn
      } else {
        resolve({ error: (stderr || String(err || 'no output')).trim() });
      }
    });
  });
}

function escapeHTML(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// graphPage is the webview's HTML: the SVG as a data: image.
export function graphPage(svg: string, title: string): string {
  const data = Buffer.from(svg, 'utf8').toString('base64');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>${escapeHTML(title)}</title>
<style>body { background: #fff; margin: 0; padding: 8px; } h1 { font: 14px sans-serif; color: #333; } img { max-width: none; }</style>
</head><body><h1>${escapeHTML(title)}</h1><img alt="deployment graph" src="data:image/svg+xml;base64,${data}"></body></html>`;
}
