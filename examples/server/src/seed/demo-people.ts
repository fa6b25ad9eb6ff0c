/**
 * Names for the demo's team members and customers: people of the Greater Region and the stores'
 * other countries, written in ASCII so that they make valid e-mail addresses as they are.
 */
import type { SeededRandom } from '@orion/testing';

const firstNames = [
  'Anna',
  'Luc',
  'Marie',
  'Tom',
  'Claire',
  'Jeff',
  'Sophie',
  'Yves',
  'Laura',
  'Pol',
  'Julie',
  'Ben',
  'Carole',
  'Gilles',
  'Nadine',
  'Marc',
  'Lena',
  'Jonas',
  'Elena',
  'Paulo',
  'Ines',
  'Fabio',
  'Nora',
  'Lars',
  'Mia',
  'Felix',
  'Chloe',
  'Noah',
  'Emma',
  'Lucas',
  'Olivia',
  'Hugo',
  'Ruth',
  'Oliver',
  'Amelia',
  'Jakob',
  'Lea',
  'Mathis',
  'Zoe',
  'Sven',
];
const lastNames = [
  'Schmit',
  'Muller',
  'Weber',
  'Hoffmann',
  'Wagner',
  'Thill',
  'Kremer',
  'Reuter',
  'Schiltz',
  'Becker',
  'Klein',
  'Martin',
  'Dupont',
  'Lambert',
  'Ferreira',
  'Da Silva',
  'Rossi',
  'Meyer',
  'Fischer',
  'Keller',
  'Huber',
  'Favre',
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Wilson',
  'Campbell',
  'Marx',
  'Weis',
  'Hansen',
  'Bernard',
  'Petit',
  'Gomes',
  'Clement',
  'Kieffer',
];

/** A person's display name and the local part of an e-mail address for them. */
export interface DemoPerson {
  name: string;
  /** `anna.schmit`: lower case, ASCII. */
  handle: string;
}

/** A random person. */
export function randomPerson(random: SeededRandom): DemoPerson {
  const first = random.pick(firstNames);
  const last = random.pick(lastNames);
  return { name: `${first} ${last}`, handle: `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '') };
}
