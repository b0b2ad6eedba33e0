#include "cli/i18n/messages.h"

namespace remit::cli {

extern const Messages kEnglish;
const Messages kEnglish = {
    "en",
    "Sending money: {from} \u2192 {to}",
    "Before you send money home, compare. The fee is only part of the "
    "price: most providers also give you less than the market exchange "
    "rate and keep the difference. This sheet shows what each offer really "
    "costs.",
    "Cheapest offers for sending {amount}",
    "#",
    "Provider",
    "How",
    "Fee",
    "Hidden in the rate",
    "Total cost",
    "Your family receives",
    "Speed",
    "No offer in our data for this amount.",
    "{reference, select, "
    "usd200 {For {amount}, the usual amount for comparing prices (about 200 "
    "US dollars),} "
    "usd500 {For {amount}, the usual amount for comparing prices (about 500 "
    "US dollars),} "
    "other {For {amount},}} "
    "{count, plural, "
    "one {the only offer in our data costs {average}.} "
    "other {the # offers in our data cost {average} on average.}}",
    "A fair price to aim for: the three cheapest offers that show their "
    "exchange rate and arrive within 5 days cost {smart} on average.",
    "Fewer than three offers show their exchange rate and arrive within 5 "
    "days, so there is no fair price to aim for here.",
    "The hidden cost in the exchange rate",
    "The mid-market rate is the rate banks use between themselves. A "
    "provider that gives you a lower rate keeps the difference: that is a "
    "cost too, even when the fee is zero.",
    "Example: with {provider}, sending {amount} costs a fee of {fee}. The "
    "provider\u2019s rate is {rate} while the market rate is {mid}, which "
    "costs you another {margin_cost}. Your family receives {receives}. "
    "All told, the transfer costs you {total}, that is {percent} of what "
    "you send.",
    "Questions to ask at the counter",
    {"What is the fee, in total?", "Which exchange rate do you apply today?",
     "Exactly how much will my family receive, in their currency?",
     "How fast will the money arrive?",
     "Which identity documents do I and the recipient need?",
     "Can I cancel, and will I get my money back if something goes wrong?"},
    "Source: {name}, prices as of {date}. Data version {version}.",
    "not stated",
    "! The survey's published figures for this offer are unusual: the "
    "total does not match the fee and the exchange rate, is negative (a "
    "promotional rate) or is above 100 %. Ask the provider.",
    {"cash", "bank account", "debit card", "credit card", "mobile wallet",
     "other"},
    {"cash pickup", "bank account", "mobile money", "home delivery", "other"},
    {"under 1 hour", "same day", "next day", "2 days", "3-5 days",
     "6 days or more"},
    "Other charges",
    "Other charges: a surcharge for the means of payment (for example a "
    "card) and fees taken from what your family receives, counted in your "
    "currency.",
    "Total cost = fee + hidden in the rate.",
    "Total cost = fee + other charges + hidden in the rate.",
    "* Promotional price (for example for a first transfer): not the "
    "provider's usual price. Ask how long it lasts.",
    "~ Estimated: the survey measured other amounts; this price is worked "
    "out between them. Ask the provider for the exact price.",
    "promotional rate better than the market rate: {amount} in your favour",
    "That cost includes {other} of other charges.",
    "No worked example: every offer shown here is a promotional or "
    "estimated price, and an example must use a regular price.",
    "Prices in this sheet are dated {oldest} to {newest}.",
    "Prices in this sheet are dated {date}.",
    "Illustrative data as of {date}: the providers and prices are made up "
    "for demonstration. They are not real offers.",
    "Warning: these prices are out of date. The newest is from {newest}, "
    "more than {days, plural, one {# day} other {# days}} before {as_of}. "
    "Prices change: check every figure with the provider before you send "
    "money.",
    "Out-of-date prices: the newest is from {newest}. Check every figure "
    "with the provider.",
    "Illustrative data as of {date}: made-up prices, not real offers.",
    "Cheapest for the amount you send, from {min} to {max}: {parts}.",
    "{provider} for every amount",
    "{provider} up to {to}",
    "{provider} from {from} to {to}",
    "{provider} from {from}",
    "; ",
    "{count, plural, one {and # more change} other {and # more changes}}",
    {"bank", "money transfer operator", "mobile operator", "post office",
     "other"},
    "Amount",
    "I send",
    "My family receives",
    "Compare",
    "Sort by",
    {"total cost", "amount received", "speed"},
    "How the money arrives",
    "Type of provider",
    "All",
    "Exchange rate",
    "{percent} below the market rate ({mid})",
    "Show more offers",
    "{count, plural, one {Showing {shown} of # offer, sorted by {order}.} "
    "other {Showing {shown} of # offers, sorted by {order}.}}",
    "Average total cost over time, {first} to {last}",
    "old price",
    "Loading prices\u2026",
    "The prices could not be loaded.",
    "Licence: {license}",
    "Note on the data: the published figures for this offer do not add up "
    "or are out of the ordinary",
};

}  // namespace remit::cli
