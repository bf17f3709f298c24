/** Helpers for component tests: mounting and waiting for async loads. */

import { flushSync, mount, unmount, type Component } from "svelte";
import { vi } from "vitest";

/** A mounted component and the element it lives in. */
export type Mounted = {
  target: HTMLElement;
  destroy: () => void;
};

/** Mounts `component` with `props` into a fresh element in the document. */
export function render<Props extends Record<string, unknown>>(
  component: Component<Props>,
  props: Props,
): Mounted {
  const target = document.createElement("div");
  document.body.append(target);
  const instance = mount(component, { target, props });
  flushSync();
  return {
    target,
    destroy: () => {
      void unmount(instance);
      target.remove();
    },
  };
}

/** Lets pending promises (mocked commands) settle, then applies the updates. */
export async function settle(): Promise<void> {
  await vi.waitFor(() => Promise.resolve());
  for (let round = 0; round < 5; round += 1) await Promise.resolve();
  await new Promise((resolve) => setTimeout(resolve, 0));
  flushSync();
}

/** The element with `data-testid` = `testid`, or a failed test. */
export function byTestId(root: ParentNode, testid: string): HTMLElement {
  const element = root.querySelector<HTMLElement>(`[data-testid="${testid}"]`);
  if (element === null) throw new Error(`no element with data-testid="${testid}"`);
  return element;
}
