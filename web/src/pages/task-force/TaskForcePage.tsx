/** Placeholder, to be replaced by the page itself. */
export default function TaskForcePage() {
  return <div data-testid="placeholder-task-force" />;
}
