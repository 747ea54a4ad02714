// Deep zoom for the viewer: a photo larger than the screen, zoomed into,
// is drawn from its IIIF Image API tiles (/iiif/3/{id}/…) by the vendor
// viewer (/static/vendor/openseadragon.js), fetched only then, never for a
// visitor who does not zoom. Tile addresses carry the page's share link
// (?share=) the way media addresses do; a signed-in reader's session
// cookie goes with them as with any same-origin image. The viewer's own
// keyboard handling and buttons are off: the lightbox's keys and zoom
// buttons drive it, so Esc, +/−, 0 and the arrows mean the same in both
// views.
import {withShare} from './api.js';

let vendor = null;

// The viewer adds a <style> element of its own unless the page has one
// marked data-openseadragon-mobile-css; the pages' Content-Security-Policy
// forbids inline styles, so the page carries a mark instead (an element
// outside HTML's namespace, which no browser takes for a style sheet) and
// app.css holds the rule (.lb-deep .openseadragon-canvas).
function markViewerStyle() {
  if (document.querySelector('style[data-openseadragon-mobile-css]')) return;
  const mark = document.createElementNS('urn:gallery:mark', 'style');
  mark.setAttribute('data-openseadragon-mobile-css', 'true');
  mark.setAttribute('hidden', '');
  document.head.append(mark);
}

function loadViewer() {
  markViewerStyle();
  if (!vendor) vendor = import('../vendor/openseadragon.js').then((m) => m.default).catch((e) => { vendor = null; throw e; });
  return vendor;
}

// The photo's image service address (its info.json without the file name).
export function imageServiceUrl(photo) { return `/iiif/3/${encodeURIComponent(photo.id)}`; }

// True when the photo has more pixels than the screen shows (on either
// side, in device pixels): only then is there more to see by zooming.
export function largerThanScreen(photo) {
  const ratio = window.devicePixelRatio || 1;
  const w = Number(photo.width) || 0;
  const h = Number(photo.height) || 0;
  return w > window.screen.width * ratio || h > window.screen.height * ratio;
}

// The IIIF tile source for `info` (an info.json), its tile addresses
// carrying the page's share link.
function tileSourceOf(OpenSeadragon, info) {
  const options = OpenSeadragon.IIIFTileSource.prototype.configure.apply(null, [info]);
  const source = new OpenSeadragon.IIIFTileSource(options);
  const plain = source.getTileUrl.bind(source);
  source.getTileUrl = (level, x, y) => withShare(plain(level, x, y));
  return source;
}

// A viewer over `container` showing `photo`: zoom and pan by scale relative
// to the fitted view (1 = the whole photo, as the plain view shows it).
export class DeepZoom {
  // Resolves to the opened viewer, or rejects (no info.json, no vendor file).
  static async open(container, photo, label) {
    const [OpenSeadragon, info] = await Promise.all([loadViewer(), fetchInfo(photo)]);
    const element = document.createElement('div');
    element.className = 'lb-deep';
    element.setAttribute('role', 'img');
    element.setAttribute('aria-label', label);
    container.append(element);
    const viewer = OpenSeadragon({
      element,
      tileSources: tileSourceOf(OpenSeadragon, info),
      drawer: 'canvas',
      showNavigationControl: false,
      showNavigator: false,
      keyboardNavEnabled: false,
      tabIndex: '',
      crossOriginPolicy: false,
      visibilityRatio: 1,
      constrainDuringPan: true,
      minZoomImageRatio: 1,
      maxZoomPixelRatio: 2,
      animationTime: 0.3,
      gestureSettingsMouse: {clickToZoom: false, dblClickToZoom: true},
      gestureSettingsTouch: {clickToZoom: false, dblClickToZoom: true, pinchToZoom: true},
    });
    const zoom = new DeepZoom(OpenSeadragon, viewer, element);
    try {
      await new Promise((resolve, reject) => {
        viewer.addOnceHandler('open', resolve);
        viewer.addOnceHandler('open-failed', (e) => reject(new Error(e.message || 'the tiles could not be opened')));
      });
    } catch (e) {
      zoom.destroy();
      throw e;
    }
    return zoom;
  }

  constructor(OpenSeadragon, viewer, element) {
    this.Point = OpenSeadragon.Point;
    this.viewer = viewer;
    this.element = element;
  }

  home() { return this.viewer.viewport.getHomeZoom(); }

  // The scale shown now, and the one being animated to.
  scale() { return this.viewer.viewport.getZoom(true) / this.home(); }

  target() { return this.viewer.viewport.getZoom() / this.home(); }

  maxScale() { return this.viewer.viewport.getMaxZoom() / this.home(); }

  zoomed() { return this.target() > 1.001; }

  // Zooms to `scale` keeping the point (px, py) from the element's centre still.
  zoomTo(scale, px = 0, py = 0, immediately = false) {
    const viewport = this.viewer.viewport;
    const box = this.element.getBoundingClientRect();
    const at = viewport.pointFromPixel(new this.Point(box.width / 2 + px, box.height / 2 + py), true);
    const target = Math.min(viewport.getMaxZoom(), Math.max(viewport.getMinZoom(), scale * this.home()));
    viewport.zoomTo(target, at, immediately);
    viewport.applyConstraints(immediately);
  }

  // Moves the photo by (dx, dy) screen pixels (the content follows the move).
  panBy(dx, dy, immediately = false) {
    const viewport = this.viewer.viewport;
    viewport.panBy(viewport.deltaPointsFromPixels(new this.Point(-dx, -dy)), immediately);
    viewport.applyConstraints(immediately);
  }

  onChange(fn) { this.viewer.addHandler('zoom', fn); }

  destroy() {
    this.viewer.destroy();
    this.element.remove();
  }
}

async function fetchInfo(photo) {
  const response = await fetch(withShare(`${imageServiceUrl(photo)}/info.json`),
    {credentials: 'same-origin', headers: {Accept: 'application/json'}});
  if (!response.ok) throw new Error(`info.json: HTTP ${response.status}`);
  return response.json();
}
