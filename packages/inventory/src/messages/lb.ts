import { metricMessages } from '@orion/contracts';

/** The inventory module's Luxembourgish messages. */
export const lb: Record<string, string> = {
  'menu.inventory.items': 'Lagerbestand',

  'permission.inventory.stock.view': 'Lagerbestänn ukucken',
  'permission.inventory.stock.manage': 'Lagerbestänn verwalten',
  'permission.inventory.reservations.manage': 'Bestand fir Bestellunge reservéieren a fräiginn',

  ...metricMessages({
    'inventory.total_units': [
      'Eenheeten um Lager',
      'Zomm vun de Bestandsmengen iwwer null. Artikele mat engem Bestand vun null oder manner zielen net, a Reservatioune ginn net ofgezunn.',
    ],
    'inventory.skus': [
      'Artikelnummeren',
      'Verschidden Artikelnummeren (SKUs) mat engem Bestandsantrag, egal op wéi enger Lagerplaz a mat wéi enger Quantitéit. Op enger Plattform zielt déiselwecht Artikelnummer an zwee Butteker duebel.',
    ],
    'inventory.low_stock': [
      'Wéineg um Lager',
      'Artikele mat enger Quantitéit iwwer null, déi hire Mindestbestand erreecht oder ënnerschratt hunn, pro Lagerplaz gezielt.',
    ],
    'inventory.out_of_stock': [
      'Net um Lager',
      'Artikele mat enger Quantitéit vun null oder manner, pro Lagerplaz gezielt.',
    ],
    'inventory.locations': [
      'Lagerplazen',
      'Verschidde Lagerplazen, wou Bestand gefouert gëtt. Op enger Plattform ziele d’Lagerplaze vun all Buttek fir sech.',
    ],
  }),
};
