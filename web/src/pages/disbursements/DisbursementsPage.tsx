/** Placeholder, to be replaced by the page itself. */
export default function DisbursementsPage() {
  return <div data-testid="placeholder-disbursements" />;
}
