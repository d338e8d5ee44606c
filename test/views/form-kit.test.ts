import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Fastify from 'fastify';
import { h, type VNode } from 'preact';
import { render } from 'preact-render-to-string';
import { ConflictError, ForbiddenError, UnconfirmedWarningsError, requireConfirmation, ValidationError } from '../../src/errors.js';
import { formConfirmsWarnings, refuse, submitForm } from '../../src/http/form.js';
import { renderPage } from '../../src/http/render.js';
import {
  CheckboxField,
  CheckboxGroupField,
  DateField,
  ErrorSummary,
  fieldId,
  RadioField,
  SelectField,
  TextField,
  WarningConfirmation,
  type FormFailure,
} from '../../src/views/form-kit.js';

const html = (vnode: VNode<any>) => render(vnode);

/** The attributes of the element with this id, as a map (enough for the kit's flat markup). */
function attributesOf(markup: string, id: string): Record<string, string> {
  const tag = new RegExp(`<(?:input|select|textarea|fieldset)\\b[^>]*\\bid="${id}"[^>]*>`).exec(markup);
  assert.ok(tag, `an element with id ${id}`);
  return Object.fromEntries([...tag[0].matchAll(/([a-z-]+)(?:="([^"]*)")?/g)].slice(1).map((m) => [m[1]!, m[2] ?? '']));
}

describe('form kit: every field has its label, hint, error and kept value', () => {
  it('a text field keeps what was typed, and ties its hint and error to the input', () => {
    const markup = html(h(TextField, { name: 'firstName', label: 'First name', value: 'Ana "Jo" & Co', hint: 'As on ID.', errors: ['Too long.'] }));
    const input = attributesOf(markup, 'field-firstName');
    assert.equal(input.value, 'Ana &quot;Jo&quot; &amp; Co');
    assert.equal(input['aria-invalid'], 'true');
    assert.equal(input['aria-describedby'], 'field-firstName-hint field-firstName-error');
    assert.match(markup, /<label for="field-firstName">First name<\/label>/);
    assert.match(markup, /id="field-firstName-hint">As on ID\.</);
    assert.match(markup, /id="field-firstName-error">Too long\.</);
    assert.match(markup, /class="field has-error"/);
  });

  it('a valid field is not marked invalid and has no error element', () => {
    const markup = html(h(TextField, { name: 'lastName', label: 'Last name', value: 'Ng' }));
    const input = attributesOf(markup, 'field-lastName');
    assert.equal(input['aria-invalid'], undefined);
    assert.equal(input['aria-describedby'], undefined);
    assert.doesNotMatch(markup, /field-error/);
  });

  it('a password field never sends back what was typed', () => {
    const markup = html(h(TextField, { name: 'password', type: 'password', label: 'Password', value: 'Secret-1!' }));
    assert.doesNotMatch(markup, /Secret-1!/);
    assert.equal(attributesOf(markup, 'field-password')['data-password-toggle'], '');
  });

  it('a date field says the format it takes and keeps the typed text', () => {
    const markup = html(h(DateField, { name: 'entryDate', label: 'Entry date', value: '3/14/2026', hint: 'The first day.' }));
    assert.match(markup, /The first day\. MM\/DD\/YYYY\./);
    assert.equal(attributesOf(markup, 'field-entryDate').value, '3/14/2026');
  });

  it('a select keeps the chosen option, in groups too, and draws the empty choice unless told not to', () => {
    const choices = [{ value: '1', label: 'Yes' }, { value: '0', label: 'No' }];
    const markup = html(h(SelectField, { name: 'q', label: 'Q', value: '0', choices, groups: [{ label: 'More', choices: [{ value: '99', label: 'Data not collected' }] }] }));
    assert.match(markup, /<option value(="")?>Choose…<\/option>/);
    assert.match(markup, /<option value="0" selected>No<\/option>/);
    assert.match(markup, /<optgroup label="More"><option value="99">Data not collected<\/option><\/optgroup>/);
    assert.doesNotMatch(html(h(SelectField, { name: 'q', label: 'Q', value: '1', choices, emptyLabel: null })), /Choose…/);
  });

  it('radios and checkbox groups sit in a fieldset whose id is the field id, with every choice labelled', () => {
    const choices = [{ value: 'a', label: 'A' }, { value: 'b', label: 'B', hint: 'Only B.' }];
    const radios = html(h(RadioField, { name: 'scope', label: 'Who leaves?', value: 'b', choices, errors: ['Choose one.'] }));
    assert.equal(attributesOf(radios, 'field-scope')['aria-describedby'], 'field-scope-error');
    assert.match(radios, /<legend>Who leaves\?<\/legend>/);
    assert.match(radios, /<input id="field-scope-b" name="scope" type="radio" value="b" checked aria-describedby="field-scope-b-hint"\/><label for="field-scope-b">B<\/label>/);
    const boxes = html(h(CheckboxGroupField, { name: 'races', label: 'Race', values: ['a', 'b'], choices }));
    assert.equal((boxes.match(/type="checkbox"[^>]*checked/g) ?? []).length, 2);
    const single = html(h(CheckboxField, { name: 'confirm', label: 'I am sure', checked: true, errors: ['Tick the box.'] }));
    assert.equal(attributesOf(single, 'field-confirm')['aria-invalid'], 'true');
  });

  it('the error summary links every message to its field, and is empty without a failure', () => {
    const failure: FormFailure = { message: 'Check the form.', errors: { 'member[0].entryDate': ['Not a date.'], lastName: ['Required.'] } };
    const markup = html(h(ErrorSummary, { failure }));
    assert.match(markup, /role="alert"/);
    assert.match(markup, /<a href="#field-member-0--entryDate">Not a date\.<\/a>/);
    assert.match(markup, /<a href="#field-lastName">Required\.<\/a>/);
    assert.equal(fieldId('member[0].entryDate'), 'field-member-0--entryDate');
    assert.equal(html(h(ErrorSummary, { failure: null })), '');
  });
});

describe('form kit: warnings, which stand once the user confirms them', () => {
  it('a field shows its warning, tied to the control, without marking it invalid', () => {
    const markup = html(h(TextField, { name: 'ssn', label: 'SSN', value: '123456789', warnings: ['This SSN fails the SSA check.'] }));
    const input = attributesOf(markup, 'field-ssn');
    assert.equal(input['aria-invalid'], undefined);
    assert.equal(input['aria-describedby'], 'field-ssn-warning');
    assert.match(markup, /class="field-warning" id="field-ssn-warning">This SSN fails the SSA check\.</);
  });

  it('the summary lists warnings in a caution box, and the confirmation box appears only with warnings', () => {
    const failure: FormFailure = { message: 'Please check.', errors: {}, warnings: { ssn: ['Fails the SSA check.'] } };
    const summary = html(h(ErrorSummary, { failure }));
    assert.match(summary, /class="notice caution"/);
    assert.match(summary, /<ul class="warnings"><li><a href="#field-ssn">Fails the SSA check\.<\/a>/);
    assert.match(html(h(WarningConfirmation, { failure })), /name="confirmWarnings"/);
    assert.equal(html(h(WarningConfirmation, { failure: { message: 'x', errors: { a: ['b'] } } })), '');
  });

  it('requireConfirmation refuses unconfirmed warnings only', () => {
    assert.throws(() => requireConfirmation({ ssn: ['Fails.'] }, false), UnconfirmedWarningsError);
    assert.doesNotThrow(() => requireConfirmation({ ssn: ['Fails.'] }, true));
    assert.doesNotThrow(() => requireConfirmation({ ssn: [] }, false));
    assert.equal(formConfirmsWarnings({ confirmWarnings: 'on' }), true);
    assert.equal(formConfirmsWarnings({}), false);
  });
});

describe('form kit: submitForm, the one "refused → same form with 422" helper', () => {
  async function app(action: (value: string) => Promise<string>, alsoRefuses?: readonly (typeof ConflictError | typeof ForbiddenError)[]) {
    const server = Fastify();
    server.decorateReply('page', function (this: import('fastify').FastifyReply, vnode: VNode, status = 200) {
      return this.status(status).header('content-type', 'text/html').send(renderPage(vnode));
    });
    const form = (value: string) => (failure: FormFailure) =>
      h('main', null, h(ErrorSummary, { failure }), h(TextField, { name: 'value', label: 'Value', value, errors: failure.errors.value }));
    server.get('/form', async (request, reply) => {
      const value = String((request.query as Record<string, string>).value ?? '');
      return submitForm(reply, {
        action: () => action(value),
        refused: form(value),
        done: (saved) => reply.redirect(`/saved/${saved}`, 303),
        alsoRefuses,
      });
    });
    server.get('/wrong-code', async (_request, reply) => refuse(reply, { message: 'That code is not correct.', errors: { value: ['Enter the code.'] } }, form('123'), 401));
    return server;
  }

  it('runs the action and the done step when the service accepts', async () => {
    const server = await app(async (value) => value.toUpperCase());
    const response = await server.inject('/form?value=ok');
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/saved/OK');
  });

  it('draws the same form with what was typed and 422 when the service refuses', async () => {
    const server = await app(async () => {
      throw new ValidationError('Check the value.', { value: ['Not like that.'] });
    });
    const response = await server.inject('/form?value=typed%20text');
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /Check the value\./);
    assert.match(response.body, /value="typed text"/);
    assert.match(response.body, /<a href="#field-value">Not like that\.<\/a>/);
  });

  it('draws the form with its warnings and 422 until they are confirmed', async () => {
    const server = await app(async (value) => {
      requireConfirmation({ value: ['Unusual value.'] }, value === 'confirmed');
      return value;
    });
    const refused = await server.inject('/form?value=x');
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /Unusual value\./);
    const saved = await server.inject('/form?value=confirmed');
    assert.equal(saved.statusCode, 303);
  });

  it('draws a conflict (409) or a refusal (403) on the form itself when the form asks for it', async () => {
    const conflict = await app(async () => {
      throw new ConflictError('There must be one administrator left.');
    }, [ConflictError, ForbiddenError]);
    const refused = await conflict.inject('/form?value=kept');
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /There must be one administrator left\./);
    assert.match(refused.body, /value="kept"/);
    const forbidden = await app(async () => {
      throw new ForbiddenError('You cannot deactivate yourself.');
    }, [ForbiddenError]);
    assert.equal((await forbidden.inject('/form?value=x')).statusCode, 403);
    const notAsked = await app(async () => {
      throw new ConflictError('Taken.');
    }, [ForbiddenError]);
    assert.equal((await notAsked.inject('/form?value=x')).statusCode, 500, 'left to the error handler (none here)');
  });

  it('refuse draws the form with another status when the refusal is not about what was typed (401 for a wrong code)', async () => {
    const server = await app(async (value) => value);
    const response = await server.inject('/wrong-code');
    assert.equal(response.statusCode, 401);
    assert.match(response.body, /<a href="#field-value">Enter the code\.<\/a>/);
  });

  it('leaves other errors to the error handler', async () => {
    const server = await app(async () => {
      throw new Error('boom');
    });
    const response = await server.inject('/form?value=x');
    assert.equal(response.statusCode, 500);
  });
});
