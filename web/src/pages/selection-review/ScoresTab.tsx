/** A tab of the selection workspace (/selection/:callId); placeholder, to be replaced. */
export default function ScoresTab({ callId }: { callId: string }) {
  return <div data-testid="placeholder-ScoresTab">{callId}</div>;
}
