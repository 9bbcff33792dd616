import type { ConsoleView } from '../view';

/** The one line on the request page that leads to the sheet. */
export function CaseSheetLink({ view, requestId }: { view: ConsoleView; requestId: string }) {
  return (
    <p class="no-print">
      <a href={`/console/requests/${requestId}/sheet`} id="case-sheet-link">
        {view.t.t('console.caseSheet.link')}
      </a>
    </p>
  );
}
