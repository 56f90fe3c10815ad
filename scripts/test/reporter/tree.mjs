// Where a completed node:test test sits in its tree. node reports a file's events together, and a
// test's subtests (test:start ... test:pass/test:fail) between its own test:start and its own
// completion, so a stack indexed by nesting tells, when a test completes, whether it had subtests
// and whether one of them failed. A file that fails outside its tests (it did not load, exited
// early, a top-level hook threw) completes under the file's path, with or without a test:start.

/** @typedef {{ name: string, nesting: number, hasSubtests: boolean, subtestFailed: boolean, announced: boolean }} TreeNode */

export class TestTree {
  /** @type {(TreeNode | undefined)[]} */
  #stack = [];

  /** For a test:start event. */
  start(data) {
    this.#stack.length = data.nesting;
    const parent = this.#stack[data.nesting - 1];
    if (parent) parent.hasSubtests = true;
    this.#stack[data.nesting] = node(data);
  }

  /**
   * For a test:pass or test:fail event: the node that completed and the names of its ancestors,
   * outermost first. The node leaves the stack.
   */
  finish(data, failed) {
    const open = this.#stack[data.nesting];
    const done = open && open.name === data.name ? open : node(data);
    if (done === open) this.#stack.length = data.nesting;
    const ancestors = this.#stack.slice(0, data.nesting).filter(Boolean);
    if (failed) for (const a of ancestors) a.subtestFailed = true;
    return { node: done, path: ancestors.map((a) => a.name) };
  }

  /** Started ancestors of a test at `nesting` that have not been printed yet, outermost first. */
  unannounced(nesting) {
    return this.#stack.slice(0, nesting).filter((n) => n && !n.announced);
  }
}

function node(data) {
  return { name: data.name, nesting: data.nesting, hasSubtests: false, subtestFailed: false, announced: false };
}
