#include "engine/data/internal/validator.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "absl/numeric/int128.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "engine/money/echo.h"
#include "engine/pricing/plausibility.h"
#include "engine/pricing/quote_rules.h"
#include "engine/protoconv/proto_enums.h"

namespace remit::data_internal {

void Validator::ReserveQuotes(size_t count) {
  quotes.reserve(count);
  quote_providers.reserve(count);
  quote_places_.reserve(count);
  quote_id_places_.reserve(count);
  quote_ids_.reserve(count);
}

void Validator::AddProviders(const ParsedDataset& file) {
  const Node root = Root(file);
  const v1::Dataset& dataset = file.dataset();
  if (!dataset.metadata().as_of().empty()) {
    const Node meta = Child(root, dataset, "metadata", -1);
    Date(meta, dataset.metadata(), "as_of", dataset.metadata().as_of(), false);
  } else if (dataset.metadata().illustrative()) {
    const Node meta = Child(root, dataset, "metadata", -1);
    Error(meta, dataset.metadata(), "as_of",
          "is required for illustrative data (the date its prices are "
          "judged at)");
  }
  for (int i = 0; i < dataset.providers_size(); ++i) {
    const v1::Provider& proto = dataset.providers(i);
    const Node node = Child(root, dataset, "providers", i);
    bool ok = CheckId(node, proto, "id", proto.id());
    ProviderPlace* place = nullptr;  // Its entry, when the id is new.
    if (ok) {
      auto [it, inserted] = provider_ids_.try_emplace(
          proto.id(), ProviderPlace{IdPlace{&file, node.line, "providers", i},
                                    kNoProvider});
      // Imported files (RPW) name their providers after the firm: the same
      // firm in two of them is one provider, as first defined.
      if (!inserted && file.report() != nullptr &&
          it->second.place.file->report() != nullptr) {
        continue;
      }
      if (!inserted) {
        Error(node, proto, "id",
              absl::StrCat("'", proto.id(), "' is already defined at ",
                           it->second.place.ToString()));
        ok = false;
      } else {
        place = &it->second;
      }
    }
    if (proto.name().empty()) {
      Error(node, proto, "name", "is required");
      ok = false;
    }
    std::optional<ProviderType> type = FromProto(proto.type());
    if (!type.has_value()) {
      Error(node, proto, "type", "is required (PROVIDER_TYPE_BANK, ...)");
      ok = false;
    }
    if (ok) {
      place->index = static_cast<uint32_t>(providers.size());
      providers.push_back({proto.id(), proto.name(), *type});
    }
  }
}

std::optional<Corridor> Validator::CorridorField(const Node& node,
                                                 const v1::Quote& quote) {
  if (!quote.has_corridor()) {
    Error(node, quote, "corridor", "is required");
    return std::nullopt;
  }
  const v1::Corridor& c = quote.corridor();
  // Codes longer than three characters are invalid: they skip the cache.
  char buffer[16] = {};
  size_t length = 0;
  bool cacheable = true;
  for (const std::string* code :
       {&c.send_country(), &c.send_currency(), &c.receive_country(),
        &c.receive_currency()}) {
    if (code->size() > 3) {
      cacheable = false;
      break;
    }
    // At most three bytes: copied one by one, not by a call to memcpy.
    const size_t size = code->size();
    const char* data = code->data();
    if (size > 0) buffer[length] = data[0];
    if (size > 1) buffer[length + 1] = data[1];
    if (size > 2) buffer[length + 2] = data[2];
    length += size;
    buffer[length++] = '/';
  }
  CorridorKey key;
  std::memcpy(&key.low, buffer, 8);
  std::memcpy(&key.high, buffer + 8, 8);
  if (cacheable) {
    for (const auto& [known, corridor] : first_corridors_) {
      if (known == key) return corridor;
    }
    if (auto it = corridors_.find(key); it != corridors_.end()) {
      return it->second;
    }
  }
  absl::StatusOr<Corridor> corridor =
      Corridor::Parse(c.send_country(), c.send_currency(), c.receive_country(),
                      c.receive_currency());
  if (!corridor.ok()) {
    // The message starts with the sub-field's name.
    const std::string message(corridor.status().message());
    const std::string sub = message.substr(0, message.find(':'));
    const Node at = Child(node, quote, "corridor", -1);
    Error(at, c, sub, message.substr(message.find(':') + 2));
    return std::nullopt;
  }
  if (cacheable) {
    if (first_corridors_.size() < kFirstCorridors) {
      first_corridors_.emplace_back(key, *corridor);
    } else {
      corridors_.emplace(key, *corridor);
    }
  }
  return *corridor;
}

bool Validator::AddFees(const Node& node, const v1::FeeSchedule& proto,
                        const Corridor& corridor, Quote* quote) {
  const size_t before = error_count();
  const CurrencyCode send = corridor.send_currency();
  FeeSchedule& fees = quote->fees;
  fees.charging = FromProto(proto.charging());
  fees.bands.reserve(proto.bands_size());
  for (int i = 0; i < proto.bands_size(); ++i) {
    const v1::FeeBand& band_proto = proto.bands(i);
    const Node band_node = Child(node, proto, "bands", i);
    FeeBand band;
    band.from_minor = Amount(band_node, band_proto, "from_amount",
                             band_proto.from_amount(), send, false)
                          .value_or(0);
    band.fixed_minor = Amount(band_node, band_proto, "fixed_fee",
                              band_proto.fixed_fee(), send, false)
                           .value_or(0);
    band.percent =
        PercentField(band_node, band_proto, "percent_fee",
                     band_proto.percent_fee(), "from 0 to 100", 0, 100)
            .value_or(Percent());
    band.min_fee_minor = Amount(band_node, band_proto, "min_fee",
                                band_proto.min_fee(), send, false);
    band.max_fee_minor = Amount(band_node, band_proto, "max_fee",
                                band_proto.max_fee(), send, false);
    if (band.min_fee_minor && band.max_fee_minor &&
        *band.min_fee_minor > *band.max_fee_minor) {
      Error(
          band_node, band_proto, "min_fee",
          AboveProblem(band_proto.min_fee(), "max_fee", band_proto.max_fee()));
    }
    if (i > 0 && band.from_minor <= fees.bands.back().from_minor) {
      Error(band_node, band_proto, "from_amount",
            BandOrderProblem(band_proto.from_amount()));
    }
    fees.bands.push_back(band);
  }
  fees.funding_surcharge =
      PercentField(node, proto, "funding_surcharge_percent",
                   proto.funding_surcharge_percent(), "from 0 to 100", 0, 100)
          .value_or(Percent());
  fees.recipient_percent_fee =
      PercentField(node, proto, "recipient_percent_fee",
                   proto.recipient_percent_fee(), "from 0 to 100", 0, 100)
          .value_or(Percent());
  if (!proto.recipient_fixed_fee().empty()) {
    if (!quote->rate_currency.has_value()) {
      Error(node, proto, "recipient_fixed_fee",
            "needs the quote's rate_currency (the currency it is in)");
    } else {
      fees.recipient_fixed_fee_minor =
          Amount(node, proto, "recipient_fixed_fee",
                 proto.recipient_fixed_fee(), *quote->rate_currency, false)
              .value_or(0);
    }
  }
  return error_count() == before;
}

void Validator::AddQuote(const Node& node, const v1::Quote& proto) {
  const size_t before = error_count();
  bool ok = CheckId(node, proto, "id", proto.id());
  if (ok) {
    const uint32_t position = static_cast<uint32_t>(quote_id_places_.size());
    quote_id_places_.push_back(
        {proto.id(), IdPlace{node.file, node.line, "quotes", node.index}});
    auto [it, inserted] = quote_ids_.insert(position);
    if (!inserted) {
      quote_id_places_.pop_back();
      Error(node, proto, "id",
            absl::StrCat("'", proto.id(), "' is already defined at ",
                         quote_id_places_[*it].place.ToString()));
    }
  }
  uint32_t provider_index = kNoProvider;
  if (proto.provider_id().empty()) {
    Error(node, proto, "provider_id", "is required");
  } else if (auto it = provider_ids_.find(proto.provider_id());
             it == provider_ids_.end()) {
    Error(node, proto, "provider_id",
          absl::StrCat(Echo(proto.provider_id()),
                       " is not a provider in the loaded files"));
  } else {
    provider_index = it->second.index;
  }
  std::optional<Corridor> corridor = CorridorField(node, proto);
  if (!corridor.has_value()) return;
  // Made in place (taken back out below when the quote has an error).
  Quote& quote = quotes.emplace_back(*corridor);
  quote.id = proto.id();
  quote.provider_id = proto.provider_id();

  auto required_enum = [&](auto value, absl::string_view field,
                           absl::string_view example, auto* out) {
    auto converted = FromProto(value);
    if (!converted.has_value()) {
      Error(node, proto, field, absl::StrCat("is required (", example, ")"));
    } else {
      *out = *converted;
    }
  };
  required_enum(proto.payment_instrument(), "payment_instrument",
                "PAYMENT_INSTRUMENT_CASH, ...", &quote.payment_instrument);
  required_enum(proto.access_point(), "access_point",
                "ACCESS_POINT_BRANCH_OR_AGENT, ...", &quote.access_point);
  required_enum(proto.receive_method(), "receive_method",
                "RECEIVE_METHOD_CASH_PICKUP, ...", &quote.receive_method);
  required_enum(proto.speed(), "speed", "SPEED_SAME_DAY, ...", &quote.speed);
  quote.coverage = FromProto(proto.receiving_network_coverage());
  quote.transparent = !proto.has_transparent() || proto.transparent();
  quote.promotional = proto.promotional();
  for (int n = 0; n < proto.data_notes_size(); ++n) {
    std::optional<DataNote> note = FromProto(proto.data_notes(n));
    if (!note.has_value()) {
      Error(
          node, proto, "data_notes", n,
          absl::StrCat("'", v1::DataNote_Name(proto.data_notes(n)),
                       "' is not a data note (DATA_NOTE_NEGATIVE_TOTAL, ...)"));
      continue;
    }
    quote.data_notes |= uint8_t{1} << static_cast<int>(*note);
  }
  // The quote is new: its source is empty unless the file gives one.
  if (!proto.source().empty()) quote.source = proto.source();
  quote.judged_at = judged_at_;
  quote.dataset_index = dataset_index_;
  const std::optional<absl::Time> quoted_at =
      Date(node, proto, "quoted_at", proto.quoted_at(), true);
  quote.quoted_at = quoted_at.value_or(absl::UnixEpoch());
  if (quoted_at.has_value()) {
    if (std::optional<std::string> why = QuotedAtProblem(
            proto.quoted_at(), *quoted_at, options().refuse_after)) {
      Error(node, proto, "quoted_at", *std::move(why));
    }
  }
  quote.rate_outlier_confirmed = proto.rate_outlier_confirmed();
  quote.period = Convert<Period>(node, proto, "period", proto.period(),
                                 /*required=*/false, &Period::Parse);

  const CurrencyCode send = corridor->send_currency();
  quote.min_send_minor = Amount(node, proto, "min_send_amount",
                                proto.min_send_amount(), send, false)
                             .value_or(0);
  quote.max_send_minor = Amount(node, proto, "max_send_amount",
                                proto.max_send_amount(), send, false)
                             .value_or(std::numeric_limits<int64_t>::max());
  if (quote.min_send_minor > quote.max_send_minor) {
    Error(node, proto, "min_send_amount",
          AboveProblem(proto.min_send_amount(), "max_send_amount",
                       proto.max_send_amount()));
  }

  if (!proto.rate_currency().empty()) {
    quote.rate_currency =
        Currency(node, proto, "rate_currency", proto.rate_currency());
    if (quote.rate_currency.has_value()) {
      if (std::optional<std::string> why =
              RateCurrencyProblem(*corridor, *quote.rate_currency)) {
        Error(node, proto, "rate_currency", *std::move(why));
      }
    }
  } else if (node.file->report() == nullptr) {
    // A native quote's rate is in the corridor's receive currency unless
    // it says otherwise. (Imported files leave it unset on purpose when
    // their source does not say: DataNote::kPayoutCurrencyUnknown.)
    if (std::optional<CurrencyCode> payout = DefaultRateCurrency(*corridor)) {
      quote.rate_currency = *payout;
    } else if (quote.transparent && proto.mid_market_rate().empty()) {
      // Sending and receiving the same currency, the rate can only be in
      // another one: which cannot be guessed, and without it no reference
      // rate gives the mid-market rate.
      Error(node, proto, "rate_currency",
            RateCurrencyRequiredProblem(*corridor));
    }
  }
  quote.mid_rate =
      RateField(node, proto, "mid_market_rate", proto.mid_market_rate(), false);
  quote.rate = RateField(node, proto, "rate", proto.rate(), false);
  quote.margin_over_mid = PercentField(node, proto, "margin_over_mid_percent",
                                       proto.margin_over_mid_percent(),
                                       "above -100 and below 100", -99, 99);

  for (int i = 0; i < proto.survey_points_size(); ++i) {
    const v1::SurveyPoint& p = proto.survey_points(i);
    const Node point_node = Child(node, proto, "survey_points", i);
    SurveyPoint point;
    std::optional<int64_t> amount =
        Amount(point_node, p, "send_amount", p.send_amount(), send, true);
    if (amount.has_value() && *amount == 0) {
      Error(point_node, p, "send_amount", "must be positive");
    }
    point.send_minor = amount.value_or(0);
    std::optional<absl::int128> fee11 =
        SurveyFee(point_node, p, "fee", p.fee(), send);
    // Cannot fail: SurveyFee's value is at most int64's largest minor unit.
    if (fee11.has_value()) point.SetFee11(*fee11);
    point.rate = RateField(point_node, p, "rate", p.rate(), quote.transparent)
                     .value_or(Rate());
    point.published_margin = PercentField(
        point_node, p, "published_margin_percent", p.published_margin_percent(),
        "above -100 and below 100", -99, 99);
    // A published total is a survey figure: promotions make it negative,
    // small amounts with large fees push it far above 100 %.
    point.published_total =
        PercentField(point_node, p, "published_total_cost_percent",
                     p.published_total_cost_percent(),
                     "between -1000 and 100000", -1000, 100000);
    if (i > 0 && point.send_minor <= quote.survey_points.back().send_minor) {
      Error(point_node, p, "send_amount",
            absl::StrCat("'", p.send_amount(),
                         "' must be above the previous point's send_amount"));
    }
    quote.survey_points.push_back(point);
  }

  // How the quote is priced: exactly one way.
  const int ways = (proto.survey_points_size() > 0) + !proto.rate().empty() +
                   !proto.margin_over_mid_percent().empty();
  if (std::optional<QuoteProblem> why =
          PricingWaysProblem(quote.transparent, !proto.rate().empty(),
                             !proto.margin_over_mid_percent().empty(),
                             proto.survey_points_size() > 0)) {
    Error(node, proto, why->field, std::move(why->message));
  }
  if (!quote.transparent && ways == 0) {
    // Opaque quotes still need a price for the fee: a rate of 1 stands for
    // "undisclosed".
    quote.rate = Rate();
  }
  if (proto.survey_points_size() == 0 && !proto.has_fees()) {
    Error(node, proto, "fees", "is required unless survey_points are given");
  }
  if (proto.has_fees()) {
    AddFees(Child(node, proto, "fees", -1), proto.fees(), *corridor, &quote);
  }
  if (error_count() == before) {
    // Native transparent quotes have their rate checked (CheckRates) unless
    // it is confirmed.
    if (node.file->report() == nullptr && quote.transparent &&
        !proto.rate_outlier_confirmed() &&
        RateNeedsCheck(quote, !proto.rate().empty())) {
      rate_checks_.push_back(static_cast<uint32_t>(quotes.size() - 1));
    }
    quote_providers.push_back(provider_index);
    quote_places_.push_back({node.file, node.index});
  } else {
    quotes.pop_back();
  }
}

namespace {

// Whether `rate`'s margin against `mid`, (1 - rate / mid) x 100, is
// strictly inside the plausible band, told by multiplying rather than by
// CheckRate's division: then its rounded margin is in the band too. False
// says nothing: CheckRate decides.
bool SurelyPlausible(Rate rate, Rate mid) {
  const absl::int128 m = mid.scaled();  // Positive, as every rate.
  const absl::int128 margin_times_mid = 100 * (m - rate.scaled());
  return margin_times_mid > kLowestPlausibleMargin * m &&
         margin_times_mid < kHighestPlausibleMargin * m;
}

// Whether `quote`'s rates or margins, against the mid-market rate `mid`
// when there is one, are outside the plausible band.
bool RateImplausible(const Quote& quote, const std::optional<Rate>& mid,
                     bool rate_given) {
  auto implausible = [&](Rate rate) {
    return mid.has_value() && !SurelyPlausible(rate, *mid) &&
           !remit::CheckRate(rate, *mid).plausible;
  };
  if (quote.rate.has_value() && rate_given && implausible(*quote.rate)) {
    return true;
  }
  if (quote.margin_over_mid.has_value() &&
      !PlausibleMargin(*quote.margin_over_mid)) {
    return true;
  }
  return std::any_of(quote.survey_points.begin(), quote.survey_points.end(),
                     [&](const SurveyPoint& point) {
                       return implausible(point.rate) ||
                              (point.published_margin.has_value() &&
                               !PlausibleMargin(*point.published_margin));
                     });
}

}  // namespace

bool Validator::RateNeedsCheck(const Quote& quote, bool rate_given) const {
  // A quote's own mid-market rate is the one it is measured with
  // (FindMidMarket), whatever the reference rates: judged now. Without one,
  // the reference rates decide, once every file is read.
  if (!quote.mid_rate.has_value()) return true;
  return RateImplausible(quote, quote.mid_rate, rate_given);
}

void Validator::CheckRate(const Node& node,
                          const google::protobuf::Message& message,
                          absl::string_view field, const std::string& text,
                          Rate rate, const MidMarket& mid, CurrencyCode send,
                          CurrencyCode payout) {
  if (std::optional<std::string> why =
          ImplausibleRateProblem(text, rate, mid, send, payout)) {
    Error(node, message, field, *std::move(why));
  }
}

void Validator::CheckMargin(const Node& node,
                            const google::protobuf::Message& message,
                            absl::string_view field, const std::string& text,
                            Percent margin) {
  if (std::optional<std::string> why = ImplausibleMarginProblem(text, margin)) {
    Error(node, message, field, *std::move(why));
  }
}

void Validator::CheckRates(const ReferenceRates& references) {
  // Only the quotes AddQuote could not clear: the others are plausible.
  for (const uint32_t k : rate_checks_) {
    if (full()) return;
    const Quote& quote = quotes[k];
    const QuotePlace& place = quote_places_[k];
    const v1::Dataset& dataset = place.file->dataset();
    const v1::Quote& proto = dataset.quotes(place.index);
    const MidMarket mid = FindMidMarket(references, quote);
    if (!RateImplausible(quote, mid.rate, !proto.rate().empty())) continue;
    auto implausible = [&](Rate rate) {
      return mid.rate.has_value() &&
             !remit::CheckRate(rate, *mid.rate).plausible;
    };
    auto point_bad = [&](const SurveyPoint& point) {
      return implausible(point.rate) ||
             (point.published_margin.has_value() &&
              !PlausibleMargin(*point.published_margin));
    };
    const bool rate_bad = quote.rate.has_value() && !proto.rate().empty() &&
                          implausible(*quote.rate);
    const bool margin_bad = quote.margin_over_mid.has_value() &&
                            !PlausibleMargin(*quote.margin_over_mid);
    // Only now the places: the quote's node, as AddQuotesAndRates made it.
    const CurrencyCode send = quote.corridor.send_currency();
    const CurrencyCode payout = quote.rate_currency.value_or(send);
    const Node root = Root(*place.file);
    Node node = Child(root, dataset, "quotes", place.index);
    if (const int line = place.file->quote_line(place.index); line > 0) {
      node.line = line;
    }
    if (rate_bad) {
      CheckRate(node, proto, "rate", proto.rate(), *quote.rate, mid, send,
                payout);
    }
    if (margin_bad) {
      CheckMargin(node, proto, "margin_over_mid_percent",
                  proto.margin_over_mid_percent(), *quote.margin_over_mid);
    }
    for (size_t j = 0; j < quote.survey_points.size(); ++j) {
      const SurveyPoint& point = quote.survey_points[j];
      const v1::SurveyPoint& p = proto.survey_points(static_cast<int>(j));
      if (!point_bad(point)) continue;
      const bool bad_rate = implausible(point.rate);
      const bool bad_margin = point.published_margin.has_value() &&
                              !PlausibleMargin(*point.published_margin);
      const Node point_node =
          Child(node, proto, "survey_points", static_cast<int>(j));
      if (bad_rate) {
        CheckRate(point_node, p, "rate", p.rate(), point.rate, mid, send,
                  payout);
      }
      if (bad_margin) {
        CheckMargin(point_node, p, "published_margin_percent",
                    p.published_margin_percent(), *point.published_margin);
      }
    }
  }
}

void Validator::AddCountries(const ParsedDataset& file) {
  const Node root = Root(file);
  const v1::Dataset& dataset = file.dataset();
  // Imported files describe countries as their source does: a country
  // they describe badly is left undescribed, never an error.
  const bool strict = file.report() == nullptr;
  for (int i = 0; i < dataset.countries_size(); ++i) {
    const v1::CountryInfo& proto = dataset.countries(i);
    const Node node = Child(root, dataset, "countries", i);
    absl::StatusOr<CountryCode> code = CountryCode::FromString(proto.code());
    if (!code.ok()) {
      if (strict) {
        Error(node, proto, "code",
              proto.code().empty()
                  ? "is required"
                  : absl::StrCat(Echo(proto.code()),
                                 " is not an ISO 3166-1 country code"));
      }
      continue;
    }
    auto [it, inserted] = countries.try_emplace(*code);
    if (!inserted) {
      if (strict) {
        Error(node, proto, "code",
              absl::StrCat("'", proto.code(), "' is described twice"));
      }
      continue;  // Imported: the first description stands.
    }
    it->second = {proto.name(), proto.region(), proto.income_group(),
                  proto.lending_category(), proto.g8_g20()};
  }
}

void Validator::AddQuotesAndRates(const ParsedDataset& file) {
  const Node root = Root(file);
  const v1::Dataset& dataset = file.dataset();
  // Illustrative data is judged at its own date (checked in AddProviders).
  judged_at_.reset();
  if (dataset.metadata().illustrative()) {
    absl::Time as_of;
    std::string why;
    const std::string& text = dataset.metadata().as_of();
    if (absl::ParseTime("%Y-%m-%d", text, &as_of, &why) ||
        absl::ParseTime(absl::RFC3339_full, text, &as_of, &why)) {
      judged_at_ = as_of;
    }
  }
  for (int i = 0; i < dataset.quotes_size(); ++i) {
    if (full()) break;
    Node node = Child(root, dataset, "quotes", i);
    if (const int line = file.quote_line(i); line > 0) node.line = line;
    AddQuote(node, dataset.quotes(i));
  }
  ++dataset_index_;
  if (full()) return;
  for (int i = 0; i < dataset.reference_rates_size(); ++i) {
    const v1::ReferenceRate& proto = dataset.reference_rates(i);
    const Node node = Child(root, dataset, "reference_rates", i);
    std::optional<CurrencyCode> base =
        Currency(node, proto, "base_currency", proto.base_currency());
    std::optional<CurrencyCode> quote =
        Currency(node, proto, "quote_currency", proto.quote_currency());
    std::optional<Rate> rate =
        RateField(node, proto, "rate", proto.rate(), true);
    std::optional<absl::Time> as_of =
        Date(node, proto, "as_of", proto.as_of(), true);
    if (base && quote && *base == *quote) {
      Error(node, proto, "quote_currency",
            absl::StrCat("'", proto.quote_currency(),
                         "' is also the base currency"));
      continue;
    }
    if (base && quote && rate && as_of) {
      references.Add({*base, *quote, *rate, *as_of, proto.source()});
    }
  }
}

}  // namespace remit::data_internal
