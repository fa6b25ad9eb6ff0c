/** The inventory module's Luxembourgish messages. */
export const lb: Record<string, string> = {
  'menu.inventory.items': 'Lagerbestand',

  'permission.inventory.stock.view': 'Lagerbestänn ukucken',
  'permission.inventory.stock.manage': 'Lagerbestänn verwalten',
  'permission.inventory.reservations.manage': 'Bestand fir Bestellunge reservéieren a fräiginn',

  'metric.inventory.total_units.label': 'Eenheeten um Lager',
  'metric.inventory.total_units.description':
    'Zomm vun de Bestandsmengen iwwer null. Artikele mat engem Bestand vun null oder manner zielen net, a Reservatioune ginn net ofgezunn.',
  'metric.inventory.skus.label': 'Artikelnummeren',
  'metric.inventory.skus.description':
    'Verschidden Artikelnummeren (SKUs) mat engem Bestandsantrag, egal op wéi enger Lagerplaz a mat wéi enger Quantitéit. Op enger Plattform zielt déiselwecht Artikelnummer an zwee Butteker duebel.',
  'metric.inventory.low_stock.label': 'Wéineg um Lager',
  'metric.inventory.low_stock.description':
    'Artikele mat enger Quantitéit iwwer null, déi hire Mindestbestand erreecht oder ënnerschratt hunn, pro Lagerplaz gezielt.',
  'metric.inventory.out_of_stock.label': 'Net um Lager',
  'metric.inventory.out_of_stock.description':
    'Artikele mat enger Quantitéit vun null oder manner, pro Lagerplaz gezielt.',
  'metric.inventory.locations.label': 'Lagerplazen',
  'metric.inventory.locations.description':
    'Verschidde Lagerplazen, wou Bestand gefouert gëtt. Op enger Plattform ziele d’Lagerplaze vun all Buttek fir sech.',
};
