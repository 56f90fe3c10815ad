/**
 * Where the popover goes (pure): next to the tray icon, on the side the taskbar/menu bar is on,
 * kept inside the display's work area. Linux often reports no tray bounds (all zeros, or nothing);
 * then the cursor position is used, and without that a corner near where Linux panels keep their tray.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface Point {
  x: number;
  y: number;
}
export interface Size {
  width: number;
  height: number;
}

export type Anchor = 'below-tray' | 'above-tray' | 'right-of-tray' | 'left-of-tray' | 'cursor' | 'corner';

export interface PopoverInput {
  trayBounds: Rect | null | undefined;
  windowSize: Size;
  /** The display (nearest the tray/cursor) work area: the screen minus taskbars and menu bar. */
  workArea: Rect;
  /** The same display's full bounds. */
  displayBounds: Rect;
  /** `screen.getCursorScreenPoint()` at the click, when known (X11 gives it; Wayland may not). */
  cursor?: Point | null;
  platform: NodeJS.Platform;
  /** Space between the tray/edge and the window. */
  gap?: number;
}

export interface PopoverPosition extends Point {
  anchor: Anchor;
}

/** True when the tray reported usable bounds (Linux reports zeros or nothing). */
export function hasUsableBounds(r: Rect | null | undefined): r is Rect {
  return !!r && r.width > 0 && r.height > 0 && Number.isFinite(r.x) && Number.isFinite(r.y);
}

type Edge = 'top' | 'bottom' | 'left' | 'right';

/** Which screen edge the taskbar is on: from the work area's offset, else from where the point is. */
function taskbarEdge(workArea: Rect, display: Rect, near: Point, platform: NodeJS.Platform): Edge {
  if (platform === 'darwin') return 'top';
  if (workArea.y > display.y) return 'top';
  if (workArea.x > display.x) return 'left';
  if (workArea.y + workArea.height < display.y + display.height) return 'bottom';
  if (workArea.x + workArea.width < display.x + display.width) return 'right';
  // Auto-hidden taskbars leave the work area whole: go by the nearer horizontal half.
  return near.y < display.y + display.height / 2 ? 'top' : 'bottom';
}

function clamp(v: number, min: number, max: number): number {
  return Math.max(min, Math.min(v, Math.max(min, max)));
}

export function popoverPosition(input: PopoverInput): PopoverPosition {
  const { windowSize: size, workArea: wa, displayBounds, platform } = input;
  const gap = input.gap ?? 4;
  let anchorRect: Rect | null = null;
  let anchorKind: 'tray' | 'cursor' = 'tray';
  if (hasUsableBounds(input.trayBounds)) anchorRect = input.trayBounds;
  else if (input.cursor && inside(input.cursor, displayBounds) && !(input.cursor.x === 0 && input.cursor.y === 0)) {
    anchorRect = { x: input.cursor.x, y: input.cursor.y, width: 1, height: 1 };
    anchorKind = 'cursor';
  }
  const maxX = wa.x + wa.width - size.width - gap;
  const maxY = wa.y + wa.height - size.height - gap;
  if (!anchorRect) {
    // No idea where the icon is: GNOME/KDE top panels keep it top-right; bottom panels bottom-right.
    const edge = taskbarEdge(wa, displayBounds, { x: wa.x + wa.width, y: displayBounds.y }, platform);
    const y = edge === 'bottom' ? maxY : wa.y + gap;
    return { x: Math.round(maxX), y: Math.round(y), anchor: 'corner' };
  }
  const cx = anchorRect.x + anchorRect.width / 2;
  const cy = anchorRect.y + anchorRect.height / 2;
  const edge = taskbarEdge(wa, displayBounds, { x: cx, y: cy }, platform);
  let x: number;
  let y: number;
  let anchor: Anchor;
  switch (edge) {
    case 'top':
      x = cx - size.width / 2;
      y = Math.max(anchorRect.y + anchorRect.height, wa.y) + gap;
      anchor = 'below-tray';
      break;
    case 'bottom':
      x = cx - size.width / 2;
      y = Math.min(anchorRect.y, wa.y + wa.height) - size.height - gap;
      anchor = 'above-tray';
      break;
    case 'left':
      x = Math.max(anchorRect.x + anchorRect.width, wa.x) + gap;
      y = cy - size.height / 2;
      anchor = 'right-of-tray';
      break;
    default:
      x = Math.min(anchorRect.x, wa.x + wa.width) - size.width - gap;
      y = cy - size.height / 2;
      anchor = 'left-of-tray';
  }
  return {
    x: Math.round(clamp(x, wa.x + gap, maxX)),
    y: Math.round(clamp(y, wa.y + gap, maxY)),
    anchor: anchorKind === 'cursor' ? 'cursor' : anchor,
  };
}

function inside(p: Point, r: Rect): boolean {
  return p.x >= r.x && p.y >= r.y && p.x < r.x + r.width && p.y < r.y + r.height;
}
