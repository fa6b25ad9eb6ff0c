import { defineErrors } from '@orion/contracts';

/**
 * The cms module's error codes (`CMS_ERR_…`), each with its HTTP status and its message in
 * English, German, French and Luxembourgish; `{…}` placeholders are filled from the error's details.
 *
 * @example
 * ```ts
 * import { cmsErrors } from '@orion/cms';
 *
 * throw cmsErrors.create('CMS_ERR_PAGE_NOT_FOUND', { pageId: 12 });
 * ```
 */
export const cmsErrors = defineErrors({
  CMS_ERR_PAGE_NOT_FOUND: {
    message: 'Page {pageId} was not found.',
    status: 404,
    messages: {
      de: 'Seite {pageId} wurde nicht gefunden.',
      fr: 'La page {pageId} est introuvable.',
      lb: 'D’Säit {pageId} gouf net fonnt.',
    },
  },
  CMS_ERR_SLUG_TAKEN: {
    message: 'Another page already uses the slug "{slug}"; choose another one.',
    status: 409,
    messages: {
      de: 'Eine andere Seite verwendet bereits den Slug „{slug}“; wählen Sie einen anderen.',
      fr: 'Une autre page utilise déjà le slug « {slug} » ; choisissez-en un autre.',
      lb: 'Eng aner Säit benotzt schonn de Slug „{slug}“; wielt en aneren.',
    },
  },
  CMS_ERR_MEDIA_NOT_FOUND: {
    message: 'Media file {mediaId} was not found in this store.',
    status: 404,
    messages: {
      de: 'Mediendatei {mediaId} wurde in diesem Shop nicht gefunden.',
      fr: 'Le fichier média {mediaId} est introuvable dans cette boutique.',
      lb: 'D’Mediendatei {mediaId} gouf an dësem Buttek net fonnt.',
    },
  },
  CMS_ERR_MEDIA_TOO_LARGE: {
    message: 'The file is larger than the {maxBytes} bytes allowed; upload a smaller one.',
    status: 413,
    messages: {
      de: 'Die Datei ist größer als die erlaubten {maxBytes} Bytes; laden Sie eine kleinere hoch.',
      fr: 'Le fichier dépasse les {maxBytes} octets autorisés ; envoyez-en un plus petit.',
      lb: 'De Fichier ass méi grouss wéi déi erlaabt {maxBytes} Bytes; lued e méi klengen erop.',
    },
  },
  CMS_ERR_MEDIA_TYPE_NOT_ALLOWED: {
    message: 'The file’s content ({contentType}) is not an allowed type; upload PNG, JPEG, GIF, WebP, AVIF or PDF.',
    status: 415,
    messages: {
      de: 'Der Inhalt der Datei ({contentType}) ist kein erlaubter Typ; laden Sie PNG, JPEG, GIF, WebP, AVIF oder PDF hoch.',
      fr: 'Le contenu du fichier ({contentType}) n’est pas d’un type autorisé ; envoyez du PNG, JPEG, GIF, WebP, AVIF ou PDF.',
      lb: 'Den Inhalt vum Fichier ({contentType}) ass keen erlaabten Typ; lued PNG, JPEG, GIF, WebP, AVIF oder PDF erop.',
    },
  },
  CMS_ERR_MEDIA_EMPTY: {
    message: 'The upload is empty; send the file’s bytes as the request body.',
    status: 400,
    messages: {
      de: 'Der Upload ist leer; senden Sie die Bytes der Datei als Anfrageinhalt.',
      fr: 'L’envoi est vide ; envoyez les octets du fichier comme corps de la requête.',
      lb: 'Den Upload ass eidel; schéckt d’Bytes vum Fichier als Inhalt vun der Ufro.',
    },
  },
});
