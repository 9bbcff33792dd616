import { codeLabel, type ConsoleView } from '../view';
import type { AssignmentRow, VolunteerAssignments } from '../volunteer-assignments.queries';
import type { Labels } from './labels';
import { requestWhen } from '../../shell/schedule-text';

function AssignmentTable(props: { view: ConsoleView; labels: Labels; rows: AssignmentRow[]; id: string }) {
  const { t } = props.view;
  return (
    <div class="table-wrap">
      <table id={props.id}>
        <thead>
          <tr>
            <th scope="col">{t.t('console.volunteerSearch.assignmentWhen')}</th>
            <th scope="col">{t.t('console.common.what')}</th>
            <th scope="col">{t.t('console.volunteerSearch.assignmentFor')}</th>
            <th scope="col">{t.t('console.common.status')}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.matchId}>
              <td>{requestWhen(t, row)}</td>
              <td>
                <a href={`/console/requests/${row.requestId}`}>{props.labels.category(row.category)}</a>
              </td>
              <td>
                {row.helpSeekerName ?? '–'}
                {row.district ? <span class="muted"> ({row.district})</span> : null}
              </td>
              <td>
                {codeLabel(t, row.requestStatus)}
                {row.outcome ? <span class="muted"> · {codeLabel(t, row.outcome)}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A volunteer's accepted assignments on their profile: upcoming first, then past, each with "more". */
export function VolunteerAssignmentsSection(props: {
  view: ConsoleView;
  labels: Labels;
  volunteerId: string;
  data: VolunteerAssignments;
}) {
  const { view, labels, data } = props;
  const { t } = view;
  const more = `/console/volunteers/${props.volunteerId}?assignments=${data.shown * 5}#h-assignments`;
  return (
    <section class="card" aria-labelledby="h-assignments">
      <h2 id="h-assignments">{t.t('console.volunteerSearch.assignments')}</h2>
      <h3>{t.t('console.volunteerSearch.upcoming')}</h3>
      {data.upcoming.length === 0 ? (
        <p class="muted">{t.t('console.volunteerSearch.noUpcoming')}</p>
      ) : (
        <AssignmentTable view={view} labels={labels} rows={data.upcoming} id="assignments-upcoming" />
      )}
      <h3>{t.t('console.volunteerSearch.past')}</h3>
      {data.past.length === 0 ? (
        <p class="muted">{t.t('console.volunteerSearch.noPast')}</p>
      ) : (
        <AssignmentTable view={view} labels={labels} rows={data.past} id="assignments-past" />
      )}
      {data.moreUpcoming || data.morePast ? (
        <p>
          <a href={more}>{t.t('console.volunteerSearch.moreAssignments')}</a>
        </p>
      ) : null}
    </section>
  );
}
