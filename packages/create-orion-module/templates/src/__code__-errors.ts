import { defineErrors } from '@orion/contracts';

/**
 * The module's own error codes. Each starts with `__CONST___ERR_` (the module code in upper case),
 * answers with its HTTP status, and its message is translated into the caller's locale; `{itemId}`
 * is filled from the error's details.
 */
export const __camel__Errors = defineErrors({
  __CONST___ERR_ITEM_NOT_FOUND: {
    message: 'Item {itemId} was not found in this store.',
    status: 404,
    messages: {
      de: 'Eintrag {itemId} wurde in diesem Shop nicht gefunden.',
      fr: 'L’élément {itemId} est introuvable dans cette boutique.',
      lb: 'Den Element {itemId} gouf an dësem Buttek net fonnt.',
    },
  },
});
