#include "cli/i18n/messages.h"

namespace remit::cli {

extern const Messages kFrench;
const Messages kFrench = {
    "fr",
    ",",
    "\u202f",
    "\u202f%",
    "Envoyer de l'argent de {from} vers {to}",
    "Avant d'envoyer de l'argent à votre famille, comparez. Les frais ne "
    "sont qu'une partie du prix : la plupart des services vous donnent aussi "
    "un taux de change moins bon que celui du marché et gardent la "
    "différence. Cette fiche montre ce que chaque offre coûte vraiment.",
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
    "Coût moyen sur ce corridor : {average}. Moyenne des trois offres "
    "faciles d'accès les moins chères (SmaRT) : {smart}.",
    "pas assez d'offres pour le dire",
    "Le coût caché dans le taux de change",
    "Le taux du marché est celui que les banques utilisent entre elles. Un "
    "service qui vous donne un taux plus bas garde la différence : c'est "
    "aussi un coût, même quand les frais sont nuls.",
    "Exemple : avec {provider}, envoyer {amount} coûte {fee} de frais. Le "
    "taux du service est de {rate} alors que celui du marché est de {mid}, "
    "ce qui vous coûte encore {margin_cost}. Votre famille reçoit "
    "{receives}. Au total, vous payez {total}, soit {percent} de la somme "
    "envoyée.",
    "Questions à poser au guichet",
    {"Quels sont les frais, au total ?",
     "Quel taux de change appliquez-vous aujourd'hui ?",
     "Combien exactement ma famille recevra-t-elle, dans sa monnaie ?",
     "En combien de temps l'argent arrivera-t-il ?",
     "Quelles pièces d'identité faut-il, pour moi et pour le bénéficiaire ?",
     "Puis-je annuler, et serai-je remboursé en cas de problème ?"},
    "Source : {name}, prix au {date}. Version des données {version}.",
    "non indiqué",
    "! Les chiffres publiés par l'enquête pour cette offre sont inhabituels "
    ": le total ne correspond pas aux frais et au taux de change, est "
    "négatif (un taux promotionnel) ou dépasse 100 %. Renseignez-vous "
    "auprès du prestataire.",
    {"espèces", "compte bancaire", "carte de débit", "carte de crédit",
     "portefeuille mobile", "autre"},
    {"retrait en espèces", "compte bancaire", "mobile money",
     "livraison à domicile", "autre"},
    {"moins d'1 heure", "le jour même", "le lendemain", "2 jours",
     "3 à 5 jours", "6 jours ou plus"},
};

}  // namespace remit::cli
