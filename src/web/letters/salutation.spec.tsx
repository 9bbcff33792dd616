import { translator } from '../../i18n';
import { renderPage } from '../shell/render';
import { HelpFoundLetter } from './help-found-letter';
import { letterSalutation, recipientName } from './salutation';

describe('letter salutation', () => {
  const de = translator('de', 'public');

  it('should address a woman, a man, and a person without salutation in German', () => {
    expect(letterSalutation(de, 'frau', 'Kim Petersen')).toBe('Sehr geehrte Frau Petersen,');
    expect(letterSalutation(de, 'herr', 'Kim  Petersen ')).toBe('Sehr geehrter Herr Petersen,');
    expect(letterSalutation(de, 'none', 'Kim Petersen')).toBe('Guten Tag Kim Petersen,');
    expect(recipientName(de, 'frau', 'Kim Petersen')).toBe('Frau Kim Petersen');
    expect(recipientName(de, 'none', 'Kim Petersen')).toBe('Kim Petersen');
  });

  it('should write the salutation in the letter’s language', () => {
    expect(letterSalutation(translator('en', 'public'), 'frau', 'Kim Petersen')).toBe('Dear Ms Petersen,');
    expect(letterSalutation(translator('tr', 'public'), 'herr', 'Kim Petersen')).toContain('Petersen');
    expect(letterSalutation(translator('tr', 'public'), 'herr', 'Kim Petersen')).not.toBe(
      letterSalutation(de, 'herr', 'Kim Petersen'),
    );
  });

  it('should render the salutation, the return address and the phone in a letter', () => {
    const html = renderPage(
      <HelpFoundLetter
        t={de}
        agency={
          {
            name: 'Freiwilligenagentur Altona',
            street: 'Max-Brauer-Allee 24',
            postalCode: '22765',
            city: 'Hamburg',
            phone: '040 123 456 78',
            openingHours: 'Mo–Fr 10–16 Uhr',
            email: 'kontakt@agentur.example',
          } as never
        }
        m={{
          recipient: {
            name: 'Kim Petersen',
            streetAddress: 'Am Felde 3',
            postalCode: '22765',
            place: 'Ottensen',
          },
          salutation: 'frau',
          volunteerName: 'Vroni',
          categoryText: 'Einkaufshilfe',
          whenText: 'Di 8.12., 10–11 Uhr',
          dateText: '4. Dezember 2026',
        }}
      />,
    );
    expect(html).toContain('Sehr geehrte Frau Petersen,');
    expect(html).toContain('Frau Kim Petersen');
    expect(html).toContain('Freiwilligenagentur Altona, Max-Brauer-Allee 24, 22765 Hamburg');
    expect(html).toContain('Telefon: 040 123 456 78');
    expect(html).not.toContain('Guten Tag');
  });
});
