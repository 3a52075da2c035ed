/** A tab of the project page (/projects/:id); placeholder, to be replaced. */
export default function FundsTab({ projectId }: { projectId: string }) {
  return <div data-testid="placeholder-FundsTab">{projectId}</div>;
}
