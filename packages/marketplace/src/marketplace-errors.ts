import { defineErrors } from '@orion/contracts';

/**
 * The marketplace module's error codes (`MARKETPLACE_ERR_…`), each with its HTTP status and its
 * message in English, German, French and Luxembourgish.
 *
 * @example
 * ```ts
 * import { marketplaceErrors } from '@orion/marketplace';
 *
 * throw marketplaceErrors.create('MARKETPLACE_ERR_FEED_TOO_LARGE', { maxBytes: 1024 });
 * ```
 */
export const marketplaceErrors = defineErrors({
  MARKETPLACE_ERR_FEED_TOO_LARGE: {
    message: 'The feed is larger than the {maxBytes} bytes allowed; split it or ask the operator to raise the limit.',
    status: 413,
    messages: {
      de: 'Der Feed ist größer als die erlaubten {maxBytes} Bytes; teilen Sie ihn auf oder bitten Sie den Betreiber, die Grenze anzuheben.',
      fr: 'Le flux dépasse les {maxBytes} octets autorisés ; divisez-le ou demandez à l’opérateur de relever la limite.',
      lb: 'De Feed ass méi grouss wéi déi erlaabt {maxBytes} Bytes; deelt en op oder frot de Bedreiwer, d’Limitt eropzesetzen.',
    },
  },
});
