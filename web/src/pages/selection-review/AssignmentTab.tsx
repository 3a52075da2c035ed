/** A tab of the selection workspace (/selection/:callId); placeholder, to be replaced. */
export default function AssignmentTab({ callId }: { callId: string }) {
  return <div data-testid="placeholder-AssignmentTab">{callId}</div>;
}
