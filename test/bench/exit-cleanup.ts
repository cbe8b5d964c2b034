const tasks = new Set<() => void>();

// Runs on every exit path, including process.exit from a signal handler; only
// synchronous work can happen here.
process.on('exit', () => {
  for (const task of tasks) task();
});

/** Registers synchronous cleanup for process exit; returns a function that unregisters it. */
export function cleanUpOnExit(task: () => void): () => void {
  tasks.add(task);
  return () => tasks.delete(task);
}
