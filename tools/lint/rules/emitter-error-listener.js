// An EventEmitter that emits 'error' with no listener throws it and ends the process: the crash on
// a lost Postgres connection (pg's Client and Pool emit 'error' when the server goes away) is that
// bug. This rule asks that an emitter created with `new` and kept in a variable or property has an
// 'error' listener attached in the same file, or is chained straight into `.on('error', …)`.
// Emitters handed on at once (returned, passed as an argument) are the receiver's to handle.
import { ESLintUtils } from '@typescript-eslint/utils';

const LISTEN = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);

function isEmitter(type) {
  return ['emit', 'on', 'removeListener', 'listenerCount'].every(
    (name) => type.getProperty(name) !== undefined,
  );
}

function targetText(node, sourceCode) {
  const parent = node.parent;
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  if (parent?.type === 'AssignmentExpression' && parent.right === node)
    return sourceCode.getText(parent.left);
  if (parent?.type === 'PropertyDefinition' && parent.value === node)
    return `this.${sourceCode.getText(parent.key)}`;
  return undefined;
}

function isErrorListenerCall(node) {
  return (
    node.type === 'CallExpression' &&
    node.callee.type === 'MemberExpression' &&
    node.callee.property.type === 'Identifier' &&
    LISTEN.has(node.callee.property.name) &&
    isErrorEvent(node.arguments[0])
  );
}

/** 'error', or a constant named Error such as discord.js's Events.Error. */
function isErrorEvent(arg) {
  if (arg?.type === 'Literal') return arg.value === 'error';
  return (
    arg?.type === 'MemberExpression' && arg.property.type === 'Identifier' && arg.property.name === 'Error'
  );
}

export const emitterErrorListener = ESLintUtils.RuleCreator.withoutDocs({
  meta: {
    type: 'problem',
    messages: {
      missing:
        "'{{name}}' is an EventEmitter with no 'error' listener in this file: an emitted 'error' would end the process. Attach one with {{name}}.on('error', …).",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const services = ESLintUtils.getParserServices(context);
    const sourceCode = context.sourceCode;
    const created = [];
    const listened = new Set();
    return {
      NewExpression(node) {
        const parent = node.parent;
        if (parent?.type === 'MemberExpression' && parent.object === node) {
          const call = parent.parent;
          if (call && isErrorListenerCall(call)) return;
        }
        const name = targetText(node, sourceCode);
        if (name === undefined) return;
        if (!isEmitter(services.getTypeAtLocation(node))) return;
        created.push({ node, name });
      },
      CallExpression(node) {
        if (isErrorListenerCall(node)) listened.add(sourceCode.getText(node.callee.object));
      },
      'Program:exit'() {
        for (const { node, name } of created) {
          if (!listened.has(name)) context.report({ node, messageId: 'missing', data: { name } });
        }
      },
    };
  },
});
