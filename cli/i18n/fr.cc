#include "cli/i18n/messages.h"

namespace remit::cli {

extern const Messages kFrench;
const Messages kFrench = {
    "fr",
    "Envoyer de l\u2019argent\u00a0: {from} \u2192 {to}",
    "Avant d\u2019envoyer de l\u2019argent à votre famille, comparez. Les "
    "frais ne sont qu\u2019une partie du prix\u00a0: la plupart des services "
    "vous donnent aussi un taux de change moins bon que celui du marché et "
    "gardent la différence. Cette fiche montre ce que chaque offre coûte "
    "vraiment.",
    "Offres les moins chères pour envoyer {amount}",
    "N°",
    "Service",
    "Comment",
    "Frais",
    "Caché dans le taux",
    "Coût total",
    "Votre famille reçoit",
    "Délai",
    "Aucune offre dans nos données pour ce montant.",
    "{reference, select, "
    "usd200 {Pour {amount}, le montant habituel pour comparer les prix "
    "(environ 200 dollars américains),} "
    "usd500 {Pour {amount}, le montant habituel pour comparer les prix "
    "(environ 500 dollars américains),} "
    "other {Pour {amount},}} "
    "{count, plural, "
    "one {la seule offre de nos données coûte {average}.} "
    "other {les # offres de nos données coûtent {average} en moyenne.}}",
    "Un prix juste à viser\u00a0: les trois offres les moins chères qui "
    "affichent leur taux de change et arrivent en 5 jours au plus coûtent "
    "{smart} en moyenne.",
    "Moins de trois offres affichent leur taux de change et arrivent en 5 "
    "jours au plus\u00a0: nous ne pouvons pas indiquer ici de prix juste à "
    "viser.",
    "Le coût caché dans le taux de change",
    "Le taux du marché est celui que les banques utilisent entre elles. Un "
    "service qui vous donne un taux plus bas garde la différence\u00a0: "
    "c\u2019est aussi un coût, même quand les frais sont nuls.",
    "Exemple\u00a0: avec {provider}, envoyer {amount} coûte {fee} de frais. "
    "Le taux du service est de {rate} alors que celui du marché est de "
    "{mid}, ce qui vous coûte encore {margin_cost}. Votre famille reçoit "
    "{receives}. Au total, l\u2019envoi vous co\u00fbte {total}, soit "
    "{percent} de la somme "
    "envoyée.",
    "Questions à poser au guichet",
    {"Quels sont les frais, au total\u00a0?",
     "Quel taux de change appliquez-vous aujourd\u2019hui\u00a0?",
     "Combien exactement ma famille recevra-t-elle, dans sa monnaie\u00a0?",
     "En combien de temps l\u2019argent arrivera-t-il\u00a0?",
     "Quelles pièces d\u2019identité faut-il, pour moi et pour le "
     "bénéficiaire\u00a0?",
     "Puis-je annuler, et serai-je remboursé en cas de problème\u00a0?"},
    "Source\u00a0: {name}, prix au {date}. Version des données {version}.",
    "non indiqué",
    "! Les chiffres publiés par l\u2019enquête pour cette offre sont "
    "inhabituels\u00a0: le total ne correspond pas aux frais et au taux de "
    "change, est négatif (un taux promotionnel) ou dépasse 100\u00a0%. "
    "Renseignez-vous auprès du prestataire.",
    {"espèces", "compte bancaire", "carte de débit", "carte de crédit",
     "portefeuille mobile", "autre"},
    {"retrait en espèces", "compte bancaire", "mobile money",
     "livraison à domicile", "autre"},
    {"moins d\u20191 heure", "le jour même", "le lendemain", "2 jours",
     "3 à 5 jours", "6 jours ou plus"},
    "Autres frais",
    "Autres frais\u00a0: un supplément selon le moyen de paiement (par exemple "
    "une carte) et des frais prélevés sur ce que reçoit votre famille, "
    "comptés dans votre monnaie.",
    "Coût total = frais + caché dans le taux.",
    "Coût total = frais + autres frais + caché dans le taux.",
    "* Prix promotionnel (par exemple pour un premier envoi)\u00a0: ce "
    "n\u2019est pas "
    "le prix habituel du service. Demandez combien de temps il dure.",
    "~ Estimation\u00a0: l\u2019enquête a mesuré d\u2019autres montants\u00a0; "
    "ce prix est "
    "calculé entre eux. Demandez le prix exact au service.",
    "taux promotionnel meilleur que celui du marché\u00a0: {amount} en votre "
    "faveur",
    "Ce co\u00fbt comprend {other} d\u2019autres frais.",
    "Pas d\u2019exemple détaillé\u00a0: toutes les offres montrées ici ont un "
    "prix "
    "promotionnel ou estimé, et un exemple doit utiliser un prix habituel.",
    "Les prix de cette fiche datent du {oldest} au {newest}.",
    "Les prix de cette fiche datent du {date}.",
    "Données d\u2019illustration au {date}\u00a0: les prestataires et les "
    "prix sont inventés pour la démonstration. Ce ne sont pas de vraies "
    "offres.",
    "Attention\u00a0: ces prix ne sont plus à jour. Le plus récent date du "
    "{newest}, plus de {days, plural, one {# jour} other {# jours}} avant "
    "le {as_of}. Les prix changent\u00a0: vérifiez chaque montant auprès du "
    "prestataire avant d\u2019envoyer de l\u2019argent.",
    "Prix p\u00e9rim\u00e9s\u00a0: le plus r\u00e9cent date du {newest}. "
    "V\u00e9rifiez chaque montant aupr\u00e8s du prestataire.",
    "Donn\u00e9es d\u2019illustration au {date}\u00a0: prix invent\u00e9s, "
    "pas de vraies offres.",
    "Le moins cher selon le montant envoy\u00e9, de {min} \u00e0 {max}\u00a0: "
    "{parts}.",
    "{provider} pour tout montant",
    "{provider} jusqu\u2019\u00e0 {to}",
    "{provider} de {from} \u00e0 {to}",
    "{provider} \u00e0 partir de {from}",
    "\u00a0; ",
    "{count, plural, one {et # autre changement} other {et # autres "
    "changements}}",
    {"banque", "soci\u00e9t\u00e9 de transfert d\u2019argent",
     "op\u00e9rateur mobile", "bureau de poste", "autre"},
    "Montant",
    "J\u2019envoie",
    "Ma famille re\u00e7oit",
    "Comparer",
    "Trier par",
    {"co\u00fbt total", "montant re\u00e7u", "rapidit\u00e9"},
    "Comment l\u2019argent arrive",
    "Type de prestataire",
    "Tous",
    "Taux de change",
    "{percent} sous le taux du march\u00e9 ({mid})",
    "Afficher plus d\u2019offres",
    "{count, plural, one {{shown} offre sur #, tri\u00e9e par {order}.} "
    "other {{shown} offres sur #, tri\u00e9es par {order}.}}",
    "Co\u00fbt total moyen dans le temps, de {first} \u00e0 {last}",
    "prix ancien",
    "Chargement des prix\u2026",
    "Les prix n\u2019ont pas pu \u00eatre charg\u00e9s.",
    "Licence\u00a0: {license}",
    "Note sur les donn\u00e9es\u00a0: les chiffres publi\u00e9s pour cette "
    "offre ne concordent pas ou sortent de l\u2019ordinaire",
};

}  // namespace remit::cli
