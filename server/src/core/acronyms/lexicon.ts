/**
 * Word lists the acronym finder needs. Small on purpose: they decide only whether an
 * all-capitals token is an ordinary English word written in capitals (a shouted title,
 * an emphasised `NOT`, a table header) rather than an acronym.
 */

/** Words an expansion may skip or use for one letter (`Department for Education` = DfE). */
export const STOP_WORDS = new Set([
  'a', 'an', 'and', 'as', 'at', 'by', 'for', 'from', 'in', 'into', 'its', 'of', 'on', 'or', 'the', 'their', 'to', 'with', '&', 'und',
]);

/**
 * Short English words that turn up in capitals in council papers (titles, headers,
 * emphasis). A token that is one of these counts as an acronym only when the report
 * or the workspace glossary defines it. Longer capitalised words (7+ letters) are
 * handled by length, and words that are also real acronyms here (IMPACT, SEND, CLASS)
 * are deliberately absent where the seeds use them as acronyms in running text.
 */
export const ENGLISH_CAPS = new Set(
  (
    'A AN AND ARE AS AT BE BEEN BUT BY CAN DID DO DOES DONE FOR FROM HAD HAS HAVE HE HER HIS HOW I IF IN INTO IS IT ITS ' +
    'ME MAY MY NO NOR NOT NOW OF OFF ON ONE ONLY OR OUR OUT SHE SO THAN THAT THE THEM THEN THERE THEY THIS TO TOO TWO UP US ' +
    'WAS WE WERE WHAT WHEN WHO WHY WILL WITH YES YET YOU YOUR ALL ANY EACH EVERY FEW MORE MOST MUCH MUST NEED NEEDS NEVER ' +
    'NEW OLD OTHER OVER OWN SAME SHALL SHOULD SOME SUCH VERY WOULD COULD ALSO AFTER BEFORE UNDER UPON WHICH WHERE WHILE ' +
    'ABOUT ABOVE BELOW BETWEEN AGAINST DURING WITHIN ALWAYS PLEASE NOTE NOTES KEY ITEM ITEMS DATE DATES TITLE NAME NAMES ' +
    'TOTAL TOTALS YEAR YEARS MONTH WEEK DAY DAYS TERM TERMS WARD WARDS CITY TOWN AREA AREAS PLAN PLANS CARE HOME HOMES LOVE ' +
    'BUILT STABLE LIFE LIVES WORK TEAM TEAMS BOARD GROUP PART PARTS PAGE PAGES SECTION REPORT REPORTS CHIEF HEAD LEAD ' +
    'FAMILY CHILD YOUNG PEOPLE ADULT ADULTS SCHOOL SOCIAL HEALTH POLICY ACTION ACTIONS RISK RISKS AIM AIMS GOAL GOALS ' +
    'COST COSTS FUND FUNDS BUDGET FINAL DRAFT ISSUE ISSUES UPDATE AGENDA MINUTE MINUTES LEGAL CLIMATE EQUALITY OFFICER ' +
    'MEMBER MEMBERS CABINET COUNCIL COUNTY MAYOR CHAIR VOTE PUBLIC PRIVATE OPEN CLOSED YEAR TIME PLACE PLACES SAFE SAFETY ' +
    'JANUARY FEBRUARY MARCH APRIL JUNE JULY AUGUST OCTOBER JAN FEB MAR APR JUN JUL AUG SEP SEPT OCT NOV DEC ' +
    'MONDAY FRIDAY SUNDAY NORTH SOUTH EAST WEST CENTRAL PHASE STAGE STEP STEPS LEVEL LEVELS RATE RATES DATA FORM FORMS ' +
    'TYPE TYPES BAND BANDS PLUS MINUS NET GROSS TARGET ACTUAL RED AMBER GREEN BLUE NONE FULL HALF HIGH LOW GOOD POOR ' +
    'BEST FIRST LAST NEXT STATUS OWNER OUTCOME OUTCOMES SUMMARY PURPOSE REASON REASONS DETAIL DETAILS ANNEX'
  ).split(/\s+/),
);

/** Place names that appear shouted in County titles (not acronyms, not in the list above). */
export const PLACE_CAPS = new Set(['LEICESTER', 'LEICESTERSHIRE', 'RUTLAND', 'ENGLAND', 'LONDON', 'WALES', 'SCOTLAND', 'MIDLANDS', 'BRITAIN']);

const ROMAN = /^(?:X{0,3})(?:IX|IV|V?I{0,3})$/;

/** `II`, `IV`, `XIV`: Roman numerals in upper case (list numbering, annex numbers). */
export function isRomanNumeral(token: string): boolean {
  return token.length >= 2 && /^[IVX]+$/.test(token) && ROMAN.test(token);
}

/** Notes that look like acronyms but are never spelt out: "to be confirmed", "not applicable". */
export const NOT_ACRONYMS = new Set(['TBC', 'TBA', 'TBD', 'TBCs', 'NA']);
