import * as vscode from 'vscode';
import type { TemplateInfo } from '../../server/src/lsp/protocol.js';

/**
 * The New Report wizard: one quick input per answer, "step N of M" in its title bar, a
 * Back button, and each answer checked as it is typed (dates, e-mail addresses, phone
 * numbers). Only the title is required: whatever is left empty stays empty in the draft
 * (the checker reports it until it is written).
 */

export interface WizardStep {
  key: string;
  title: string;
  prompt: string;
  placeholder?: string;
  required?: boolean;
  validate?: (value: string) => string | undefined;
}

/** What the wizard shows now (for the integration tests). */
export interface WizardView {
  step: number;
  totalSteps: number;
  title: string;
  value: string;
  validationMessage: string;
}

let current: vscode.InputBox | vscode.QuickPick<vscode.QuickPickItem> | undefined;

export function wizardView(): WizardView | undefined {
  if (!current) return undefined;
  const msg = 'validationMessage' in current ? current.validationMessage : undefined;
  return {
    step: current.step ?? 0,
    totalSteps: current.totalSteps ?? 0,
    title: current.title ?? '',
    value: current.value,
    validationMessage: typeof msg === 'string' ? msg : (msg?.message ?? ''),
  };
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** A real calendar date as "3 March 2027", "3 Mar 2027", "2027-03-03" or "03/03/2027"; undefined otherwise. */
export function parseDate(text: string): { y: number; m: number; d: number } | undefined {
  const t = text.trim();
  let y: number, m: number, d: number;
  let r = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (r) [y, m, d] = [Number(r[1]), Number(r[2]), Number(r[3])];
  else if ((r = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t))) [y, m, d] = [Number(r[3]), Number(r[2]), Number(r[1])];
  else if ((r = /^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,? )?(\d{1,2})(?:st|nd|rd|th)? ([a-z]+)\.? (\d{4})$/i.exec(t))) {
    const name = r[2]!.toLowerCase();
    const i = MONTHS.findIndex((mo) => mo === name || (name.length >= 3 && mo.startsWith(name)));
    if (i < 0) return undefined;
    [y, m, d] = [Number(r[3]), i + 1, Number(r[1])];
  } else return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? { y, m, d } : undefined;
}

const EMAIL = /^[^\s@,;<>]+@[^\s@,;<>]+\.[a-z]{2,}$/i;
/** A UK number: 10 or 11 digits from 0, or +44 and 9 or 10. */
const PHONE = /^(?:0\d{9,10}|\+44\d{9,10})$/;

export const validators = {
  date: (v: string): string | undefined => (v.trim() === '' || parseDate(v) ? undefined : `Write a date such as 3 March ${new Date().getFullYear() + 1} (day, month, year).`),
  email: (v: string): string | undefined => (v.trim() === '' || EMAIL.test(v.trim()) ? undefined : 'Write an e-mail address such as first.last@council.gov.uk.'),
  phone: (v: string): string | undefined => (v.trim() === '' || PHONE.test(v.replace(/[\s()-]/g, '')) ? undefined : 'Write a phone number such as 0116 454 1170 (10 or 11 digits).'),
  /** "e-mail, phone", either or both. */
  contact: (v: string): string | undefined => {
    for (const part of v.split(/[,;]/).map((p) => p.trim()).filter(Boolean)) {
      const bad = part.includes('@') ? validators.email(part) : validators.phone(part);
      if (bad) return bad;
    }
    return undefined;
  },
  /** "Name, Role": a name and, after a comma, a job title. */
  person: (v: string): string | undefined => (v.trim() === '' || /^[^,]+,\s*\S/.test(v) ? undefined : 'Write the name, a comma and the job title, as "Helen Sheppard, Head of Service".'),
};

/** The steps after the form is chosen, from its template. */
export function stepsFor(template: TemplateInfo): WizardStep[] {
  const steps: WizardStep[] = [{ key: 'title', title: 'Title', prompt: 'The report title, as it will appear on the agenda', required: true }];
  for (const f of template.fields) {
    if (!f.required || f.key === 'template') continue;
    const validate = f.type === 'date' ? validators.date : f.type === 'contact' ? validators.contact : f.type === 'person' ? validators.person : undefined;
    const step: WizardStep = { key: f.key, title: f.label, prompt: `${f.description ?? f.label} (leave empty to fill in later)` };
    if (f.examples[0]) step.placeholder = `e.g. ${f.examples[0]}`;
    if (validate) step.validate = validate;
    steps.push(step);
  }
  for (const so of template.signoffs) {
    steps.push({
      key: `signoff.${so.id}`,
      title: `Sign-off of ${so.title}`,
      prompt: 'Who cleared this block, as "Name, Role"? Leave empty if it is not signed yet (the draft then awaits sign-off).',
      placeholder: so.role ? `e.g. Name, ${so.role}` : 'Name, Role',
      validate: validators.person,
    });
    steps.push({ key: `signoff_date.${so.id}`, title: `Date of the ${so.title} sign-off`, prompt: 'The date it was signed; leave empty if it is not signed yet.', validate: validators.date });
  }
  if (template.contact) {
    steps.push({ key: 'contact_name', title: 'Officer to contact', prompt: 'Name, Role (leave empty to fill in later)', validate: validators.person });
    steps.push({ key: 'contact_phone', title: 'Their phone number', prompt: 'Leave empty to fill in later', validate: validators.phone });
    steps.push({ key: 'contact_email', title: 'Their e-mail address', prompt: 'Leave empty to fill in later', validate: validators.email });
  }
  return steps;
}

type Answer = { kind: 'value'; value: string } | { kind: 'back' } | { kind: 'cancel' };

function ask(step: WizardStep, n: number, total: number, value: string): Promise<Answer> {
  return new Promise((resolve) => {
    const box = vscode.window.createInputBox();
    current = box;
    box.title = `New committee report: ${step.title}`;
    box.step = n;
    box.totalSteps = total;
    box.prompt = step.prompt;
    box.placeholder = step.placeholder ?? '';
    box.value = value;
    box.ignoreFocusOut = true;
    box.buttons = n > 1 ? [vscode.QuickInputButtons.Back] : [];
    const check = (v: string): string | undefined => step.validate?.(v);
    box.validationMessage = value ? check(value) : undefined;
    let done = false;
    const finish = (a: Answer): void => {
      if (done) return;
      done = true;
      resolve(a);
      box.dispose();
      if (current === box) current = undefined;
    };
    box.onDidChangeValue((v) => (box.validationMessage = check(v)));
    box.onDidAccept(() => {
      const v = box.value.trim();
      const bad = check(v) ?? (step.required && !v ? `The ${step.title.toLowerCase()} is needed.` : undefined);
      if (bad) box.validationMessage = bad;
      else finish({ kind: 'value', value: v });
    });
    box.onDidTriggerButton((b) => b === vscode.QuickInputButtons.Back && finish({ kind: 'back' }));
    box.onDidHide(() => finish({ kind: 'cancel' }));
    box.show();
  });
}

function pickTemplate(templates: TemplateInfo[], total: number | undefined, selected: string | undefined): Promise<TemplateInfo | undefined> {
  return new Promise((resolve) => {
    const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { template: TemplateInfo }>();
    current = pick;
    pick.title = 'New committee report: council form';
    pick.placeholder = 'Which council form is the report for?';
    pick.step = 1;
    if (total) pick.totalSteps = total;
    pick.ignoreFocusOut = true;
    pick.items = templates.map((t) => ({ label: t.name, description: t.council, detail: t.id, template: t }));
    const sel = pick.items.find((i) => i.template.id === selected);
    if (sel) pick.activeItems = [sel];
    let done = false;
    const finish = (t: TemplateInfo | undefined): void => {
      if (done) return;
      done = true;
      resolve(t);
      pick.dispose();
      if (current === pick) current = undefined;
    };
    pick.onDidAccept(() => finish(pick.selectedItems[0]?.template ?? pick.activeItems[0]?.template));
    pick.onDidHide(() => finish(undefined));
    pick.show();
  });
}

/**
 * Runs the wizard: the form (unless given), then each step; Back returns to the step
 * before with its answer kept. Undefined when cancelled.
 */
export async function runWizard(templates: TemplateInfo[], given?: TemplateInfo): Promise<{ template: TemplateInfo; values: Record<string, string> } | undefined> {
  let template = given;
  const answers: Record<string, string> = {};
  const offset = given ? 0 : 1;
  for (;;) {
    if (!template) {
      template = await pickTemplate(templates, undefined, undefined);
      if (!template) return undefined;
    }
    const steps = stepsFor(template);
    const total = steps.length + offset;
    let i = 0;
    let back = false;
    while (i < steps.length) {
      const step = steps[i]!;
      const a = await ask(step, i + 1 + offset, total, answers[step.key] ?? '');
      if (a.kind === 'cancel') return undefined;
      if (a.kind === 'back') {
        if (i === 0) {
          back = true;
          break;
        }
        i--;
        continue;
      }
      answers[step.key] = a.value;
      i++;
    }
    if (!back) return { template, values: answers };
    if (given) return undefined;
    // Back from the first question: choose the form again.
    template = undefined;
  }
}
