import { errorCodes, type ErrorCode, type SupportedLocale } from '@orion/contracts';

/**
 * The error codes a request can meet, whose messages are translated. Start-up errors (module
 * graph, manifests, migrations) are for developers and stay in English.
 */
const requestErrorCodes = [
  'ORION_ERR_VALIDATION',
  'ORION_ERR_CONFIG_INVALID',
  'ORION_ERR_MODULE_NOT_INSTALLED',
  'ORION_ERR_MODULE_ALWAYS_ENABLED',
  'ORION_ERR_PLATFORM_NOT_FOUND',
  'ORION_ERR_STORE_NOT_IN_PLATFORM',
  'ORION_ERR_NOT_FOUND',
  'ORION_ERR_CONFLICT',
  'ORION_ERR_PROVIDER_FAILED',
  'ORION_ERR_PROVIDER_TIMEOUT',
  'ORION_ERR_UNAUTHENTICATED',
  'ORION_ERR_FORBIDDEN',
  'ORION_ERR_ROUTE_NOT_FOUND',
  'ORION_ERR_INTERNAL',
  'ORION_ERR_TASK_UNKNOWN',
  'ORION_ERR_SERVICE_UNAVAILABLE',
  'ORION_ERR_NOT_READY',
] as const satisfies readonly ErrorCode[];

type RequestErrorCode = (typeof requestErrorCodes)[number];
type Messages = Record<`error.${RequestErrorCode}`, string>;

const en = Object.fromEntries(requestErrorCodes.map((code) => [`error.${code}`, errorCodes[code]])) as Messages;

const de: Messages = {
  'error.ORION_ERR_VALIDATION': 'Ungültige Angaben ({subject}): {issues}',
  'error.ORION_ERR_CONFIG_INVALID': 'Die Konfiguration des Moduls „{code}“ ist ungültig: {issues}.',
  'error.ORION_ERR_MODULE_NOT_INSTALLED': 'Das Modul „{code}“ ist nicht installiert.',
  'error.ORION_ERR_MODULE_ALWAYS_ENABLED': 'Das Modul „{code}“ ist ein Kernmodul und kann nicht deaktiviert werden.',
  'error.ORION_ERR_PLATFORM_NOT_FOUND': 'Die Plattform {platformId} existiert nicht.',
  'error.ORION_ERR_STORE_NOT_IN_PLATFORM': 'Der Shop {storeId} ist nicht aktiv auf der Plattform {platformId}.',
  'error.ORION_ERR_NOT_FOUND': '{entity} {id} existiert nicht.',
  'error.ORION_ERR_CONFLICT': '{entity} mit {field} „{value}“ existiert bereits.',
  'error.ORION_ERR_PROVIDER_FAILED': 'Die Kennzahlen des Moduls „{code}“ konnten nicht berechnet werden: {reason}.',
  'error.ORION_ERR_PROVIDER_TIMEOUT': 'Die Kennzahlen des Moduls „{code}“ kamen nicht innerhalb von {timeoutMs} ms.',
  'error.ORION_ERR_UNAUTHENTICATED': 'Die Anfrage ist nicht angemeldet: {reason}.',
  'error.ORION_ERR_FORBIDDEN': 'Dafür wird die Berechtigung „{permission}“ benötigt.',
  'error.ORION_ERR_ROUTE_NOT_FOUND': 'Keine Route beantwortet {method} {path}.',
  'error.ORION_ERR_INTERNAL': 'Bei uns ist etwas schiefgelaufen. Bitte nennen Sie {correlationId}, wenn Sie es melden.',
  'error.ORION_ERR_TASK_UNKNOWN': 'Das Modul „{code}“ hat keine Aufgabe „{task}“.',
  'error.ORION_ERR_SERVICE_UNAVAILABLE':
    'Der Dienst „{serviceId}“ ist nicht verfügbar{scope}: kein installiertes und aktiviertes Modul bietet ihn an.',
  'error.ORION_ERR_NOT_READY': 'Der Server startet noch. Bitte versuchen Sie es in ein paar Sekunden erneut.',
};

const fr: Messages = {
  'error.ORION_ERR_VALIDATION': 'Données invalides ({subject}) : {issues}',
  'error.ORION_ERR_CONFIG_INVALID': 'La configuration du module « {code} » est invalide : {issues}.',
  'error.ORION_ERR_MODULE_NOT_INSTALLED': 'Le module « {code} » n’est pas installé.',
  'error.ORION_ERR_MODULE_ALWAYS_ENABLED': 'Le module « {code} » est un module de base et ne peut pas être désactivé.',
  'error.ORION_ERR_PLATFORM_NOT_FOUND': 'La plateforme {platformId} n’existe pas.',
  'error.ORION_ERR_STORE_NOT_IN_PLATFORM': 'La boutique {storeId} n’est pas active sur la plateforme {platformId}.',
  'error.ORION_ERR_NOT_FOUND': '{entity} {id} n’existe pas.',
  'error.ORION_ERR_CONFLICT': '{entity} avec {field} « {value} » existe déjà.',
  'error.ORION_ERR_PROVIDER_FAILED': 'Les indicateurs du module « {code} » n’ont pas pu être calculés : {reason}.',
  'error.ORION_ERR_PROVIDER_TIMEOUT': 'Les indicateurs du module « {code} » ne sont pas arrivés en {timeoutMs} ms.',
  'error.ORION_ERR_UNAUTHENTICATED': 'La requête n’est pas authentifiée : {reason}.',
  'error.ORION_ERR_FORBIDDEN': 'Il faut l’autorisation « {permission} ».',
  'error.ORION_ERR_ROUTE_NOT_FOUND': 'Aucune route ne répond à {method} {path}.',
  'error.ORION_ERR_INTERNAL': 'Une erreur s’est produite chez nous. Indiquez {correlationId} en la signalant.',
  'error.ORION_ERR_TASK_UNKNOWN': 'Le module « {code} » n’a pas de tâche « {task} ».',
  'error.ORION_ERR_SERVICE_UNAVAILABLE':
    'Le service « {serviceId} » n’est pas disponible{scope} : aucun module installé et activé ne le fournit.',
  'error.ORION_ERR_NOT_READY': 'Le serveur est encore en train de démarrer. Réessayez dans quelques secondes.',
};

const lb: Messages = {
  'error.ORION_ERR_VALIDATION': 'Ongëlteg Donnéeën ({subject}): {issues}',
  'error.ORION_ERR_CONFIG_INVALID': 'D’Konfiguratioun vum Modul „{code}“ ass ongëlteg: {issues}.',
  'error.ORION_ERR_MODULE_NOT_INSTALLED': 'De Modul „{code}“ ass net installéiert.',
  'error.ORION_ERR_MODULE_ALWAYS_ENABLED': 'De Modul „{code}“ ass e Basismodul a kann net ausgeschalt ginn.',
  'error.ORION_ERR_PLATFORM_NOT_FOUND': 'D’Plattform {platformId} gëtt et net.',
  'error.ORION_ERR_STORE_NOT_IN_PLATFORM': 'De Buttek {storeId} ass net aktiv op der Plattform {platformId}.',
  'error.ORION_ERR_NOT_FOUND': '{entity} {id} gëtt et net.',
  'error.ORION_ERR_CONFLICT': '{entity} mat {field} „{value}“ gëtt et schonn.',
  'error.ORION_ERR_PROVIDER_FAILED': 'D’Kennzuele vum Modul „{code}“ konnte net berechent ginn: {reason}.',
  'error.ORION_ERR_PROVIDER_TIMEOUT': 'D’Kennzuele vum Modul „{code}“ sinn net bannent {timeoutMs} ms komm.',
  'error.ORION_ERR_UNAUTHENTICATED': 'D’Ufro ass net ugemellt: {reason}.',
  'error.ORION_ERR_FORBIDDEN': 'Dofir brauch een d’Berechtegung „{permission}“.',
  'error.ORION_ERR_ROUTE_NOT_FOUND': 'Keng Route äntwert op {method} {path}.',
  'error.ORION_ERR_INTERNAL': 'Bei eis ass eppes schif gaang. Gitt w.e.g. {correlationId} un, wann Dir et mellt.',
  'error.ORION_ERR_TASK_UNKNOWN': 'De Modul „{code}“ huet keng Aufgab „{task}“.',
  'error.ORION_ERR_SERVICE_UNAVAILABLE':
    'De Service „{serviceId}“ ass net disponibel{scope}: kee Modul, deen installéiert an ageschalt ass, bitt en un.',
  'error.ORION_ERR_NOT_READY': 'De Server start nach. Probéiert et w.e.g. an e puer Sekonnen nach eng Kéier.',
};

/** The host's own messages in every supported locale. */
export const coreMessages: Record<SupportedLocale, Record<string, string>> = { en, de, fr, lb };
