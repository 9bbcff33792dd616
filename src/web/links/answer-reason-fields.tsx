import type { MessageKey, Translator } from '../../i18n';
import { ANSWER_NOTE_MAX_LENGTH } from '../../matching/domain/volunteer-answers';

/**
 * "Why?" with a volunteer's no: a choice (radio buttons, none preselected, all optional) and one
 * line of text. Works without JavaScript; the note's length is checked again on the server.
 */
export function AnswerReasonFields(props: {
  t: Translator;
  legend: string;
  choices: readonly { value: string; label: MessageKey }[];
  noteLabel: string;
  /** What the reader sent, when the page comes back with an error. */
  values?: { reason?: string; note?: string };
  noteError?: string | null;
}) {
  const { t, values } = props;
  return (
    <>
      <fieldset>
        <legend>{props.legend}</legend>
        {props.choices.map(({ value, label }) => (
          <div key={value}>
            <input
              type="radio"
              name="reason"
              id={`reason-${value}`}
              value={value}
              checked={values?.reason === value}
            />{' '}
            <label for={`reason-${value}`}>{t.t(label)}</label>
          </div>
        ))}
      </fieldset>
      <p>
        <label for="note">{props.noteLabel}</label>
        <br />
        <input
          type="text"
          id="note"
          name="note"
          maxLength={ANSWER_NOTE_MAX_LENGTH}
          value={values?.note ?? ''}
          style="width: 100%"
          aria-invalid={props.noteError ? 'true' : undefined}
          aria-describedby={props.noteError ? 'note-error' : undefined}
        />
        {props.noteError ? (
          <span id="note-error" class="error-message">
            {props.noteError}
          </span>
        ) : null}
      </p>
    </>
  );
}

/** The form body as posted (urlencoded): strings or nothing. */
export function postedAnswer(body: unknown): { reason?: string; note?: string } {
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  return {
    reason: typeof fields.reason === 'string' ? fields.reason : undefined,
    note: typeof fields.note === 'string' ? fields.note : undefined,
  };
}
