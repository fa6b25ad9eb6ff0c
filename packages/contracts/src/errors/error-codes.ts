import type { ErrorDefinition } from './error-definition.js';

/**
 * Who may read an error code's message:
 * - `client`: answered to the HTTP client with the code's status, its details and its message
 *   translated into the request's locale;
 * - `server`: for developers and operators (start-up, module graph, migrations); a request that
 *   meets one answers `ORION_ERR_INTERNAL` (500) with a correlation id and the error is logged.
 */
export type ErrorAudience = 'client' | 'server';

/**
 * One entry of the host's error table ({@link hostErrors}): the same shape a module gives
 * {@link defineErrors} (`message`, `status`, `messages`), plus who may read it, and with every
 * translation required.
 */
export interface HostErrorDefinition extends ErrorDefinition {
  /** Who may read the message; see {@link ErrorAudience}. */
  audience: ErrorAudience;
  /** The translations of `message`, with the same `{name}` placeholders. */
  messages: { de: string; fr: string; lb: string };
}

/**
 * Every failure the Orion host raises: one entry per stable code, with its English message
 * template, HTTP status, audience and its German, French and Luxembourgish translations.
 *
 * This table is the only definition of a host code: `@orion/core` derives the HTTP status of each
 * code and the translated messages from it, and the README's error table lists every code in it
 * (a test checks both ways). A code never changes meaning once released, and `{name}` placeholders
 * in a template are filled from the error's `details`.
 *
 * @example
 * ```ts
 * import { hostErrors } from '@orion/contracts';
 * hostErrors.ORION_ERR_NOT_FOUND.status;      // 404
 * hostErrors.ORION_ERR_NOT_FOUND.messages.de; // '{entity} {id} existiert nicht.'
 * ```
 */
export const hostErrors = {
  ORION_ERR_VALIDATION: {
    message: 'Invalid {subject}: {issues}',
    status: 400,
    audience: 'client',
    messages: {
      de: 'Ungültige Angaben ({subject}): {issues}',
      fr: 'Données invalides ({subject}) : {issues}',
      lb: 'Ongëlteg Donnéeën ({subject}): {issues}',
    },
  },
  ORION_ERR_MODULE_DEFINITION_INVALID: {
    message: 'Module definition {where} is invalid: {issues}. Build it with defineModule() from @orion/contracts.',
    status: 500,
    audience: 'server',
    messages: {
      de: 'Die Moduldefinition {where} ist ungültig: {issues}. Erstellen Sie sie mit defineModule() aus @orion/contracts.',
      fr: 'La définition de module {where} est invalide : {issues}. Créez-la avec defineModule() de @orion/contracts.',
      lb: 'D’Moduldefinitioun {where} ass ongëlteg: {issues}. Maacht se mat defineModule() aus @orion/contracts.',
    },
  },
  ORION_ERR_MODULE_MANIFEST_INVALID: {
    message:
      'Package {packageName} declares an invalid "orion" field in {file}: {issues}. Expected {"orion": {"module": "./dist/index.js"}}.',
    status: 500,
    audience: 'server',
    messages: {
      de: 'Das Paket {packageName} deklariert in {file} ein ungültiges Feld „orion“: {issues}. Erwartet: {"orion": {"module": "./dist/index.js"}}.',
      fr: 'Le paquet {packageName} déclare un champ « orion » invalide dans {file} : {issues}. Attendu : {"orion": {"module": "./dist/index.js"}}.',
      lb: 'De Package {packageName} deklaréiert an {file} en ongëltegt Feld „orion“: {issues}. Erwaart: {"orion": {"module": "./dist/index.js"}}.',
    },
  },
  ORION_ERR_MODULE_ENTRY_INVALID: {
    message: 'Module entry {file} of package {packageName} could not be loaded: {reason}.',
    status: 500,
    audience: 'server',
    messages: {
      de: 'Der Moduleinstieg {file} des Pakets {packageName} konnte nicht geladen werden: {reason}.',
      fr: 'Le point d’entrée de module {file} du paquet {packageName} n’a pas pu être chargé : {reason}.',
      lb: 'D’Modul-Entrée {file} vum Package {packageName} konnt net geluede ginn: {reason}.',
    },
  },
  ORION_ERR_MODULE_DUPLICATE: {
    message: 'Module code "{code}" is declared twice: by {first} and by {second}. Uninstall one of them.',
    status: 500,
    audience: 'server',
    messages: {
      de: 'Der Modulcode „{code}“ ist zweimal deklariert: von {first} und von {second}. Deinstallieren Sie eines davon.',
      fr: 'Le code de module « {code} » est déclaré deux fois : par {first} et par {second}. Désinstallez l’un des deux.',
      lb: 'De Modulcode „{code}“ ass zweemol deklaréiert: vun {first} a vun {second}. Deinstalléiert een dovun.',
    },
  },
  ORION_ERR_MODULE_ERROR_CODE_DUPLICATE: {
    message:
      'Error code {errorCode} is declared by module "{first}" and by module "{second}": every error code belongs to one module. Rename one of them, or uninstall one module.',
    status: 500,
    audience: 'server',
    messages: {
      de: 'Der Fehlercode {errorCode} ist vom Modul „{first}“ und vom Modul „{second}“ deklariert: jeder Fehlercode gehört zu einem Modul. Benennen Sie einen um oder deinstallieren Sie ein Modul.',
      fr: 'Le code d’erreur {errorCode} est déclaré par le module « {first} » et par le module « {second} » : chaque code d’erreur appartient à un seul module. Renommez-en un, ou désinstallez un module.',
      lb: 'De Feelercode {errorCode} ass vum Modul „{first}“ a vum Modul „{second}“ deklaréiert: all Feelercode gehéiert zu engem Modul. Benennt een ëm, oder deinstalléiert ee Modul.',
    },
  },
  ORION_ERR_MODULE_REQUIREMENT_MISSING: {
    message: 'Module "{code}" requires module "{required}", which is not installed. {hint}',
    status: 500,
    audience: 'server',
    messages: {
      de: 'Das Modul „{code}“ benötigt das Modul „{required}“, das nicht installiert ist. {hint}',
      fr: 'Le module « {code} » nécessite le module « {required} », qui n’est pas installé. {hint}',
      lb: 'De Modul „{code}“ brauch de Modul „{required}“, deen net installéiert ass. {hint}',
    },
  },
  ORION_ERR_MODULE_REQUIREMENT_CYCLE: {
    message: 'Module requirements form a cycle: {cycle}.',
    status: 500,
    audience: 'server',
    messages: {
      de: 'Die Modulabhängigkeiten bilden einen Zyklus: {cycle}.',
      fr: 'Les dépendances entre modules forment un cycle : {cycle}.',
      lb: 'D’Modulofhängegkeete bilden en Zyklus: {cycle}.',
    },
  },
  ORION_ERR_MODULE_TIER_VIOLATION: {
    message:
      'Core module "{code}" requires {requiredTier} module "{required}": core modules may only require core modules.',
    status: 500,
    audience: 'server',
    messages: {
      de: 'Das Kernmodul „{code}“ benötigt das Modul „{required}“ ({requiredTier}): Kernmodule dürfen nur Kernmodule benötigen.',
      fr: 'Le module de base « {code} » nécessite le module « {required} » ({requiredTier}) : un module de base ne peut nécessiter que des modules de base.',
      lb: 'De Basismodul „{code}“ brauch de Modul „{required}“ ({requiredTier}): Basismoduler dierfen nëmmen Basismoduler brauchen.',
    },
  },
  ORION_ERR_MODULE_NOT_INSTALLED: {
    message: 'Module "{code}" is not installed.',
    status: 404,
    audience: 'client',
    messages: {
      de: 'Das Modul „{code}“ ist nicht installiert.',
      fr: 'Le module « {code} » n’est pas installé.',
      lb: 'De Modul „{code}“ ass net installéiert.',
    },
  },
  ORION_ERR_MODULE_ALWAYS_ENABLED: {
    message: 'Module "{code}" is a core module and can not be disabled.',
    status: 409,
    audience: 'client',
    messages: {
      de: 'Das Modul „{code}“ ist ein Kernmodul und kann nicht deaktiviert werden.',
      fr: 'Le module « {code} » est un module de base et ne peut pas être désactivé.',
      lb: 'De Modul „{code}“ ass e Basismodul a kann net ausgeschalt ginn.',
    },
  },
  ORION_ERR_MIGRATION_FAILED: {
    message: 'Migration "{migration}" of module "{code}" failed: {reason}.',
    status: 500,
    audience: 'server',
    messages: {
      de: 'Die Migration „{migration}“ des Moduls „{code}“ ist fehlgeschlagen: {reason}.',
      fr: 'La migration « {migration} » du module « {code} » a échoué : {reason}.',
      lb: 'D’Migratioun „{migration}“ vum Modul „{code}“ ass feelgeschloen: {reason}.',
    },
  },
  ORION_ERR_CONFIG_INVALID: {
    message: 'Configuration of module "{code}" is invalid: {issues}.',
    status: 500,
    audience: 'client',
    messages: {
      de: 'Die Konfiguration des Moduls „{code}“ ist ungültig: {issues}.',
      fr: 'La configuration du module « {code} » est invalide : {issues}.',
      lb: 'D’Konfiguratioun vum Modul „{code}“ ass ongëlteg: {issues}.',
    },
  },
  ORION_ERR_DATABASE_INVALID: {
    message:
      'Unsupported database option {value}: use "sqlite:<file>", "sqlite::memory:", a postgres:// URL or a Kysely instance.',
    status: 500,
    audience: 'server',
    messages: {
      de: 'Nicht unterstützte Datenbankoption {value}: verwenden Sie "sqlite:<file>", "sqlite::memory:", eine postgres://-URL oder eine Kysely-Instanz.',
      fr: 'Option de base de données non prise en charge {value} : utilisez "sqlite:<file>", "sqlite::memory:", une URL postgres:// ou une instance Kysely.',
      lb: 'Net ënnerstëtzt Datebankoptioun {value}: benotzt "sqlite:<file>", "sqlite::memory:", eng postgres://-URL oder eng Kysely-Instanz.',
    },
  },
  ORION_ERR_OPTIONAL_DEPENDENCY_MISSING: {
    message: '{feature} needs {packages}, which are not all installed: add them to the app (npm install {packages}).',
    status: 500,
    audience: 'server',
    messages: {
      de: '{feature} benötigt {packages}, die nicht alle installiert sind: fügen Sie sie der App hinzu (npm install {packages}).',
      fr: '{feature} a besoin de {packages}, qui ne sont pas tous installés : ajoutez-les à l’application (npm install {packages}).',
      lb: '{feature} brauch {packages}, déi net all installéiert sinn: setzt se an d’App derbäi (npm install {packages}).',
    },
  },
  ORION_ERR_APP_MANIFEST_INVALID: {
    message: 'Could not read the app manifest {file}: {reason}.',
    status: 500,
    audience: 'server',
    messages: {
      de: 'Das App-Manifest {file} konnte nicht gelesen werden: {reason}.',
      fr: 'Le manifeste de l’application {file} n’a pas pu être lu : {reason}.',
      lb: 'De App-Manifest {file} konnt net gelies ginn: {reason}.',
    },
  },
  ORION_ERR_PLATFORM_NOT_FOUND: {
    message: 'Platform {platformId} does not exist.',
    status: 404,
    audience: 'client',
    messages: {
      de: 'Die Plattform {platformId} existiert nicht.',
      fr: 'La plateforme {platformId} n’existe pas.',
      lb: 'D’Plattform {platformId} gëtt et net.',
    },
  },
  ORION_ERR_STORE_NOT_IN_PLATFORM: {
    message: 'Store {storeId} has no active membership in platform {platformId}.',
    status: 403,
    audience: 'client',
    messages: {
      de: 'Der Shop {storeId} ist nicht aktiv auf der Plattform {platformId}.',
      fr: 'La boutique {storeId} n’est pas active sur la plateforme {platformId}.',
      lb: 'De Buttek {storeId} ass net aktiv op der Plattform {platformId}.',
    },
  },
  ORION_ERR_NOT_FOUND: {
    message: '{entity} {id} does not exist.',
    status: 404,
    audience: 'client',
    messages: {
      de: '{entity} {id} existiert nicht.',
      fr: '{entity} {id} n’existe pas.',
      lb: '{entity} {id} gëtt et net.',
    },
  },
  ORION_ERR_CONFLICT: {
    message: '{entity} with {field} "{value}" already exists.',
    status: 409,
    audience: 'client',
    messages: {
      de: '{entity} mit {field} „{value}“ existiert bereits.',
      fr: '{entity} avec {field} « {value} » existe déjà.',
      lb: '{entity} mat {field} „{value}“ gëtt et schonn.',
    },
  },
  ORION_ERR_PROVIDER_FAILED: {
    message: 'Metrics provider of module "{code}" failed: {reason}.',
    status: 500,
    audience: 'client',
    messages: {
      de: 'Die Kennzahlen des Moduls „{code}“ konnten nicht berechnet werden: {reason}.',
      fr: 'Les indicateurs du module « {code} » n’ont pas pu être calculés : {reason}.',
      lb: 'D’Kennzuele vum Modul „{code}“ konnte net berechent ginn: {reason}.',
    },
  },
  ORION_ERR_PROVIDER_TIMEOUT: {
    message: 'Metrics provider of module "{code}" did not answer within {timeoutMs} ms.',
    status: 500,
    audience: 'client',
    messages: {
      de: 'Die Kennzahlen des Moduls „{code}“ kamen nicht innerhalb von {timeoutMs} ms.',
      fr: 'Les indicateurs du module « {code} » ne sont pas arrivés en {timeoutMs} ms.',
      lb: 'D’Kennzuele vum Modul „{code}“ sinn net bannent {timeoutMs} ms komm.',
    },
  },
  ORION_ERR_UNAUTHENTICATED: {
    message: 'The request is not authenticated: {reason}.',
    status: 401,
    audience: 'client',
    messages: {
      de: 'Die Anfrage ist nicht angemeldet: {reason}.',
      fr: 'La requête n’est pas authentifiée : {reason}.',
      lb: 'D’Ufro ass net ugemellt: {reason}.',
    },
  },
  ORION_ERR_FORBIDDEN: {
    message: 'This needs the permission "{permission}".',
    status: 403,
    audience: 'client',
    messages: {
      de: 'Dafür wird die Berechtigung „{permission}“ benötigt.',
      fr: 'Il faut l’autorisation « {permission} ».',
      lb: 'Dofir brauch een d’Berechtegung „{permission}“.',
    },
  },
  ORION_ERR_ROUTE_NOT_FOUND: {
    message: 'No route answers {method} {path}.',
    status: 404,
    audience: 'client',
    messages: {
      de: 'Keine Route beantwortet {method} {path}.',
      fr: 'Aucune route ne répond à {method} {path}.',
      lb: 'Keng Route äntwert op {method} {path}.',
    },
  },
  ORION_ERR_INTERNAL: {
    message: 'Something went wrong on our side. Quote {correlationId} when you report it.',
    status: 500,
    audience: 'client',
    messages: {
      de: 'Bei uns ist etwas schiefgelaufen. Bitte nennen Sie {correlationId}, wenn Sie es melden.',
      fr: 'Une erreur s’est produite chez nous. Indiquez {correlationId} en la signalant.',
      lb: 'Bei eis ass eppes schif gaang. Gitt w.e.g. {correlationId} un, wann Dir et mellt.',
    },
  },
  ORION_ERR_TASK_UNKNOWN: {
    message: 'Module "{code}" has no task "{task}".',
    status: 404,
    audience: 'client',
    messages: {
      de: 'Das Modul „{code}“ hat keine Aufgabe „{task}“.',
      fr: 'Le module « {code} » n’a pas de tâche « {task} ».',
      lb: 'De Modul „{code}“ huet keng Aufgab „{task}“.',
    },
  },
  ORION_ERR_SERVICE_UNAVAILABLE: {
    message: 'Service "{serviceId}" is not available{scope}: no installed and enabled module provides it.',
    status: 503,
    audience: 'client',
    messages: {
      de: 'Der Dienst „{serviceId}“ ist nicht verfügbar{scope}: kein installiertes und aktiviertes Modul bietet ihn an.',
      fr: 'Le service « {serviceId} » n’est pas disponible{scope} : aucun module installé et activé ne le fournit.',
      lb: 'De Service „{serviceId}“ ass net disponibel{scope}: kee Modul, deen installéiert an ageschalt ass, bitt en un.',
    },
  },
  ORION_ERR_PAYLOAD_TOO_LARGE: {
    message: 'The request body is larger than this route accepts ({limit} bytes at most).',
    status: 413,
    audience: 'client',
    messages: {
      de: 'Der Inhalt der Anfrage ist größer, als diese Route annimmt (höchstens {limit} Bytes).',
      fr: 'Le corps de la requête dépasse ce que cette route accepte ({limit} octets au plus).',
      lb: 'Den Inhalt vun der Ufro ass méi grouss, wéi dës Route unhëlt (héchstens {limit} Bytes).',
    },
  },
  ORION_ERR_REQUEST_HEADERS_TOO_LARGE: {
    message: 'The request line or headers are too large ({limit} bytes at most).',
    status: 431,
    audience: 'client',
    messages: {
      de: 'Die Anfragezeile oder die Kopfzeilen sind zu groß (höchstens {limit} Bytes).',
      fr: 'La ligne de requête ou les en-têtes sont trop volumineux ({limit} octets au plus).',
      lb: 'D’Ufrozeil oder d’Kappzeilen si ze grouss (héchstens {limit} Bytes).',
    },
  },
  ORION_ERR_NOT_READY: {
    message: 'The server is still starting. Try again in a few seconds.',
    status: 503,
    audience: 'client',
    messages: {
      de: 'Der Server startet noch. Bitte versuchen Sie es in ein paar Sekunden erneut.',
      fr: 'Le serveur est encore en train de démarrer. Réessayez dans quelques secondes.',
      lb: 'De Server start nach. Probéiert et w.e.g. an e puer Sekonnen nach eng Kéier.',
    },
  },
  ORION_ERR_MIGRATIONS_PENDING: {
    message:
      'The database has {count} pending migration(s), starting with "{migration}" of module "{code}". Run `orion migrate` (or start the app once) first.',
    status: 500,
    audience: 'server',
    messages: {
      de: 'Die Datenbank hat {count} ausstehende Migration(en), beginnend mit „{migration}“ des Moduls „{code}“. Führen Sie zuerst `orion migrate` aus (oder starten Sie die App einmal).',
      fr: 'La base de données a {count} migration(s) en attente, à commencer par « {migration} » du module « {code} ». Lancez d’abord `orion migrate` (ou démarrez l’application une fois).',
      lb: 'D’Datebank huet {count} oppe Migratioun(en), ugefaange mat „{migration}“ vum Modul „{code}“. Lancéiert fir d’éischt `orion migrate` (oder start d’App eng Kéier).',
    },
  },
  ORION_ERR_EVENT_UNDECLARED: {
    message:
      'Module "{code}" can not publish "{event}": a module publishes only the events it declares in its definition\'s `events`.',
    status: 500,
    audience: 'server',
    messages: {
      de: 'Das Modul „{code}“ kann „{event}“ nicht veröffentlichen: ein Modul veröffentlicht nur die Ereignisse, die es in `events` seiner Definition deklariert.',
      fr: 'Le module « {code} » ne peut pas publier « {event} » : un module ne publie que les événements qu’il déclare dans `events` de sa définition.',
      lb: 'De Modul „{code}“ kann „{event}“ net publizéieren: e Modul publizéiert nëmmen d’Evenementer, déi en an `events` vu senger Definitioun deklaréiert.',
    },
  },
  ORION_ERR_EVENT_TRANSACTION_UNKNOWN: {
    message:
      'Can not wait for this transaction to commit: {reason}. Open it with inTransaction(db, work), or publish without a transaction after it commits.',
    status: 500,
    audience: 'server',
    messages: {
      de: 'Auf den Abschluss dieser Transaktion kann nicht gewartet werden: {reason}. Öffnen Sie sie mit inTransaction(db, work) oder veröffentlichen Sie ohne Transaktion, nachdem sie abgeschlossen ist.',
      fr: 'Impossible d’attendre la validation de cette transaction : {reason}. Ouvrez-la avec inTransaction(db, work), ou publiez sans transaction après sa validation.',
      lb: 'Et kann net drop gewaart ginn, datt dës Transaktioun ofgeschloss gëtt: {reason}. Maacht se mat inTransaction(db, work) op, oder publizéiert ouni Transaktioun, nodeems se ofgeschloss ass.',
    },
  },
  ORION_ERR_DATABASE_BUSY: {
    message:
      'The database is busy: another process held its write lock for {waitedMs} ms. Nothing was changed; try again in a moment.',
    status: 503,
    audience: 'client',
    messages: {
      de: 'Die Datenbank ist belegt: ein anderer Prozess hielt ihre Schreibsperre {waitedMs} ms lang. Es wurde nichts geändert; versuchen Sie es gleich noch einmal.',
      fr: 'La base de données est occupée : un autre processus a gardé son verrou d’écriture pendant {waitedMs} ms. Rien n’a été modifié ; réessayez dans un instant.',
      lb: 'D’Datebank ass beschäftegt: en anere Prozess huet hire Schreifspär {waitedMs} ms laang gehalen. Et gouf näischt geännert; probéiert et w.e.g. gläich nach eng Kéier.',
    },
  },
  ORION_ERR_SERVICE_PROVIDER_DUPLICATE: {
    message:
      'Service "{serviceId}" is provided by module "{first}" and by module "{second}": a service has one provider. Uninstall one of the modules, or remove the service from one module\'s `provides`.',
    status: 500,
    audience: 'server',
    messages: {
      de: 'Der Dienst „{serviceId}“ wird vom Modul „{first}“ und vom Modul „{second}“ angeboten: ein Dienst hat einen Anbieter. Deinstallieren Sie eines der Module oder entfernen Sie den Dienst aus `provides` eines Moduls.',
      fr: 'Le service « {serviceId} » est fourni par le module « {first} » et par le module « {second} » : un service a un seul fournisseur. Désinstallez l’un des modules, ou retirez le service du `provides` de l’un d’eux.',
      lb: 'De Service „{serviceId}“ gëtt vum Modul „{first}“ a vum Modul „{second}“ ugebueden: e Service huet ee Fournisseur. Deinstalléiert ee vun de Moduler, oder huelt de Service aus dem `provides` vun engem Modul eraus.',
    },
  },
  ORION_ERR_STARTUP_HOOK_FAILED: {
    message:
      'The onStartup hook of module "{code}" failed: {reason}. Start-up stopped; fix the module, or let start-up continue past it with createOrion({ onStartupFailure: { modules: { "{code}": "continue" } } }).',
    status: 500,
    audience: 'server',
    messages: {
      de: 'Der onStartup-Hook des Moduls „{code}“ ist fehlgeschlagen: {reason}. Der Start wurde abgebrochen; beheben Sie das Modul oder lassen Sie den Start mit createOrion({ onStartupFailure: { modules: { "{code}": "continue" } } }) fortfahren.',
      fr: 'Le hook onStartup du module « {code} » a échoué : {reason}. Le démarrage s’est arrêté ; corrigez le module, ou laissez le démarrage continuer avec createOrion({ onStartupFailure: { modules: { "{code}": "continue" } } }).',
      lb: 'Den onStartup-Hook vum Modul „{code}“ ass feelgeschloen: {reason}. De Start gouf ofgebrach; reparéiert de Modul, oder loosst de Start mat createOrion({ onStartupFailure: { modules: { "{code}": "continue" } } }) weidergoen.',
    },
  },
  ORION_ERR_STARTUP_HOOK_TIMEOUT: {
    message:
      'The onStartup hook of module "{code}" did not finish within {timeoutMs} ms. Start-up stopped; make the hook finish sooner, raise createOrion({ hookTimeoutMs }), or let start-up continue past it with createOrion({ onStartupFailure: { modules: { "{code}": "continue" } } }).',
    status: 500,
    audience: 'server',
    messages: {
      de: 'Der onStartup-Hook des Moduls „{code}“ wurde nicht innerhalb von {timeoutMs} ms fertig. Der Start wurde abgebrochen; lassen Sie den Hook schneller fertig werden, erhöhen Sie createOrion({ hookTimeoutMs }) oder lassen Sie den Start mit createOrion({ onStartupFailure: { modules: { "{code}": "continue" } } }) fortfahren.',
      fr: 'Le hook onStartup du module « {code} » ne s’est pas terminé en {timeoutMs} ms. Le démarrage s’est arrêté ; faites-le finir plus tôt, augmentez createOrion({ hookTimeoutMs }), ou laissez le démarrage continuer avec createOrion({ onStartupFailure: { modules: { "{code}": "continue" } } }).',
      lb: 'Den onStartup-Hook vum Modul „{code}“ ass net bannent {timeoutMs} ms fäerdeg ginn. De Start gouf ofgebrach; loosst den Hook méi séier fäerdeg ginn, setzt createOrion({ hookTimeoutMs }) erop, oder loosst de Start mat createOrion({ onStartupFailure: { modules: { "{code}": "continue" } } }) weidergoen.',
    },
  },
} as const satisfies Record<`ORION_ERR_${string}`, HostErrorDefinition>;

/**
 * A stable error code of the host, such as `ORION_ERR_MODULE_REQUIREMENT_MISSING`: a key of
 * {@link hostErrors}.
 *
 * Modules declare their own codes with {@link defineErrors}; see {@link ModuleErrorCode} and
 * {@link OrionErrorCode}.
 */
export type ErrorCode = keyof typeof hostErrors;

/**
 * The English message template of each host code, derived from {@link hostErrors} (kept for
 * code that only needs the templates).
 *
 * @example
 * ```ts
 * import { errorCodes } from '@orion/contracts';
 * errorCodes.ORION_ERR_NOT_FOUND; // '{entity} {id} does not exist.'
 * ```
 */
export const errorCodes: { readonly [TCode in ErrorCode]: (typeof hostErrors)[TCode]['message'] } = Object.freeze(
  Object.fromEntries(Object.entries(hostErrors).map(([code, entry]) => [code, entry.message])),
) as never;

/**
 * A module's own error code: `<MODULE>_ERR_<NAME>`, where `<MODULE>` is the module code upper-cased
 * with `-` turned into `_` (module `order-notes` → `ORDER_NOTES_ERR_TOO_LONG`). `ORION_ERR_` is
 * reserved for the host.
 */
export type ModuleErrorCode = `${string}_ERR_${string}`;

/** Any code an {@link OrionError} can carry: the host's ({@link ErrorCode}) or a module's. */
export type OrionErrorCode = ErrorCode | ModuleErrorCode;

/**
 * Whether `code` is one of the host's own codes (not a module's).
 *
 * @example
 * ```ts
 * import { isHostErrorCode } from '@orion/contracts';
 * isHostErrorCode('ORION_ERR_NOT_FOUND');     // true
 * isHostErrorCode('CMS_ERR_PAGE_NOT_FOUND');  // false
 * ```
 */
export function isHostErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(hostErrors, code);
}
