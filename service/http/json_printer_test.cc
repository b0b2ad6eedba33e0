#include "service/http/json_printer.h"

#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "engine/testing/test_util.h"
#include "engine/time/clock.h"
#include "google/protobuf/duration.pb.h"
#include "google/protobuf/timestamp.pb.h"
#include "gtest/gtest.h"
#include "proto/remit/v1/remit_service.pb.h"
#include "service/http/json_printer_test.pb.h"
#include "service/remit_rank_handler.h"

namespace remit::service::http {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;
using ::remit::testing::Day;
using ::remit::testing::Must;

// Prints with both printers; `fast` says whether JsonPrinter printed.
struct Printed {
  std::string ours;
  std::string protobuf;
  bool fast;
};
Printed PrintBoth(const Message& message) {
  Printed p;
  p.ours = "prefix:";
  p.fast = JsonPrinter::For(message.GetDescriptor()).Print(message, &p.ours);
  p.ours.erase(0, 7);
  AppendProtobufJson(message, &p.protobuf);
  return p;
}

TEST(JsonPrinterTest, PrintsWhatProtobufPrints) {
  jsontest::Scalars s;
  s.set_text(
      "a\"b\\c</script>\x01\x1f\x7f\t\n é\u00ad\u2028\U0001F600\U000E0001");
  s.set_i64(std::numeric_limits<int64_t>::min());
  s.set_u64(std::numeric_limits<uint64_t>::max());
  s.set_data("\xff\x00\x01", 3);
  s.set_color(jsontest::COLOR_RED);
  s.set_opt_text("");
  s.set_choice_i32(0);
  s.mutable_how_long()->set_seconds(-3);
  s.mutable_how_long()->set_nanos(-500000000);
  s.mutable_when()->set_seconds(-62135596800);
  s.mutable_when()->set_nanos(1000);
  const Printed p = PrintBoth(s);
  EXPECT_TRUE(p.fast);
  EXPECT_EQ(p.ours, p.protobuf);
  // Declaration order; the set optional, oneof and time fields last, by
  // number.
  EXPECT_EQ(
      p.ours,
      R"({"text":"a\"b\\c\u003c/script\u003e\u0001\u001f\u007f\t\n é\u00ad\u2028)"
      "\xF0\x9F\x98\x80"
      R"(\udb40\udc01","i32":0,"i64":"-9223372036854775808",)"
      R"("u32":0,"u64":"18446744073709551615","si32":0,"si64":"0","f32":0,)"
      R"("f64":"0","sf32":0,"sf64":"0","flag":false,"data":"/wAB",)"
      R"("color":"COLOR_RED","nameWith3DigitsAndUPPER":"",)"
      R"("custom\u003cName\u003e":"","howLong":"-3.500s","optText":"",)"
      R"("when":"0001-01-01T00:00:00.000001Z","choiceI32":0})");
}

TEST(JsonPrinterTest, EmptyMessagesAndLists) {
  jsontest::Everything e;
  e.mutable_child();
  e.mutable_nothing();
  e.mutable_lists()->add_scalars();
  const Printed p = PrintBoth(e);
  EXPECT_TRUE(p.fast);
  EXPECT_EQ(p.ours, p.protobuf);
  EXPECT_TRUE(absl::StartsWith(p.ours, R"({"lists":{"texts":[],"i32s":[],)"))
      << p.ours;
  EXPECT_TRUE(absl::StrContains(p.ours, R"("nothing":{})")) << p.ours;
}

TEST(JsonPrinterTest, UnknownEnumNumbersAndAliases) {
  jsontest::Lists l;
  l.add_colors(jsontest::COLOR_CRIMSON);  // an alias: the first name
  l.add_colors(static_cast<jsontest::Color>(7));
  l.add_colors(jsontest::COLOR_BELOW_ZERO);
  l.add_colors(static_cast<jsontest::Color>(-70000));
  const Printed p = PrintBoth(l);
  EXPECT_TRUE(p.fast);
  EXPECT_EQ(p.ours, p.protobuf);
  EXPECT_TRUE(absl::StrContains(
      p.ours, R"("colors":["COLOR_RED",7,"COLOR_BELOW_ZERO",-70000])"))
      << p.ours;
}

TEST(JsonPrinterTest, ValuesItDoesNotPrintAreLeftToProtobuf) {
  for (const std::string& bad :
       {std::string("\x80"), std::string("a\xc0\x80"),
        std::string("\xed\xa0\x80"), std::string("\xe2\x82"),
        std::string("\xf5\x80\x80\x80"), std::string("\xf4\x90\x80\x80")}) {
    jsontest::Scalars s;
    s.set_text(bad);
    const Printed p = PrintBoth(s);
    EXPECT_FALSE(p.fast) << absl::CEscape(bad);
    EXPECT_EQ(p.ours, p.protobuf) << absl::CEscape(bad);
  }
  struct Time {
    int64_t seconds;
    int32_t nanos;
  };
  for (const Time t : {Time{-62135596801, 0}, Time{253402300800, 0},
                       Time{0, -1}, Time{0, 1000000000}}) {
    jsontest::Scalars s;
    s.mutable_when()->set_seconds(t.seconds);
    s.mutable_when()->set_nanos(t.nanos);
    const Printed p = PrintBoth(s);
    EXPECT_FALSE(p.fast) << t.seconds << " " << t.nanos;
    EXPECT_EQ(p.ours, p.protobuf);
  }
  {
    // Unknown fields (protobuf's printer leaves them out).
    jsontest::Scalars s;
    s.set_text("known");
    s.GetReflection()->MutableUnknownFields(&s)->AddVarint(999, 5);
    const Printed p = PrintBoth(s);
    EXPECT_FALSE(p.fast);
    EXPECT_EQ(p.ours, p.protobuf);
    EXPECT_FALSE(absl::StrContains(p.ours, "999")) << p.ours;
  }
  for (const Time t : {Time{315576000001, 0}, Time{-1, 1}, Time{1, -1},
                       Time{0, -1000000000}}) {
    jsontest::Scalars s;
    s.mutable_how_long()->set_seconds(t.seconds);
    s.mutable_how_long()->set_nanos(t.nanos);
    const Printed p = PrintBoth(s);
    EXPECT_FALSE(p.fast) << t.seconds << " " << t.nanos;
    EXPECT_EQ(p.ours, p.protobuf);
  }
}

// Which types protobuf's printer prints, and why.
TEST(JsonPrinterTest, TypesItDoesNotSupport) {
  struct Case {
    const Descriptor* type;
    const char* field;
  };
  for (const Case& c : {
           Case{jsontest::WithMap::descriptor(),
                "remit.jsontest.WithMap.counts: a map field"},
           Case{jsontest::WithDouble::descriptor(),
                "remit.jsontest.WithDouble.share: a float or double field"},
           Case{jsontest::WithWrapper::descriptor(),
                "remit.jsontest.WithWrapper.count: a well-known type "
                "(google.protobuf.Int32Value)"},
           Case{jsontest::WithStruct::descriptor(),
                "remit.jsontest.WithStruct.fields: a well-known type "
                "(google.protobuf.Struct)"},
           Case{jsontest::HoldsMapDeepDown::descriptor(),
                "remit.jsontest.WithMap.counts: a map field"},
       }) {
    const absl::Status& support = JsonPrinter::For(c.type).support();
    EXPECT_EQ(support.code(), absl::StatusCode::kUnimplemented)
        << c.type->full_name();
    EXPECT_TRUE(absl::StartsWith(support.message(), c.field))
        << c.type->full_name() << ": " << support;
  }
  jsontest::HoldsMapDeepDown holds;
  (*holds.add_maps()->mutable_counts())["a\"b"] = 3;
  holds.mutable_scalars()->set_text("x");
  const Printed p = PrintBoth(holds);
  EXPECT_FALSE(p.fast);
  EXPECT_EQ(p.ours, p.protobuf);
  EXPECT_TRUE(absl::StrContains(p.ours, R"("counts":{"a\"b":3})")) << p.ours;
}

TEST(JsonPrinterTest, EveryResponseOfTheApiIsSupported) {
  const google::protobuf::ServiceDescriptor* service =
      v1::RankOffersResponse::descriptor()->file()->FindServiceByName(
          "RemitRank");
  for (int i = 0; i < service->method_count(); ++i) {
    const Descriptor* type = service->method(i)->output_type();
    EXPECT_TRUE(JsonPrinter::For(type).support().ok())
        << type->full_name() << ": " << JsonPrinter::For(type).support();
  }
  EXPECT_TRUE(
      JsonPrinter::For(jsontest::Everything::descriptor()).support().ok());
}

// Random messages of any type: every field set or not at random, values
// drawn to hit the edges (extreme integers, escaped code points, empty and
// long lists, times at the ends of their ranges). One value in some
// messages is one the printer leaves to protobuf (invalid UTF-8, a time
// out of range); `invalid()` says whether this message has one.
class RandomMessages {
 public:
  explicit RandomMessages(uint64_t seed) : rng_(seed) {}

  void Fill(Message* m) {
    invalid_ = false;
    may_be_invalid_ = Chance(10);
    Fill(m, 0);
  }
  bool invalid() const { return invalid_; }

 private:
  bool Chance(int percent) {
    return std::uniform_int_distribution<int>(0, 99)(rng_) < percent;
  }
  template <typename T>
  T Pick(const std::vector<T>& values) {
    return values[std::uniform_int_distribution<size_t>(
        0, values.size() - 1)(rng_)];
  }
  template <typename T>
  T Int() {
    switch (std::uniform_int_distribution<int>(0, 5)(rng_)) {
      case 0:
        return 0;
      case 1:
        return std::numeric_limits<T>::min();
      case 2:
        return std::numeric_limits<T>::max();
      case 3:
        return static_cast<T>(-1);
      case 4:
        return static_cast<T>(std::uniform_int_distribution<int>(0, 999)(rng_));
      default:
        return std::uniform_int_distribution<T>(
            std::numeric_limits<T>::min(), std::numeric_limits<T>::max())(rng_);
    }
  }
  // Whether to make this value one the printer leaves to protobuf.
  bool MakeInvalid() {
    if (!may_be_invalid_ || invalid_ || !Chance(20)) return false;
    invalid_ = true;
    return true;
  }

  static void AppendUtf8(uint32_t cp, std::string* out) {
    if (cp < 0x80) {
      out->push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out->push_back(static_cast<char>(0xc0 | (cp >> 6)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    } else if (cp < 0x10000) {
      out->push_back(static_cast<char>(0xe0 | (cp >> 12)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    } else {
      out->push_back(static_cast<char>(0xf0 | (cp >> 18)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    }
  }

  std::string Text() {
    // Code points at and around every range protobuf escapes.
    static const std::vector<uint32_t> kEdges = {
        0x00,    0x08,    0x1f,    0x20,    '"',     '\\',    '<',     '>',
        '&',     '=',     '\'',    '/',     0x7e,    0x7f,    0x80,    0x9f,
        0xa0,    0xad,    0xe9,    0x5ff,   0x600,   0x603,   0x604,   0x6dd,
        0x70f,   0x17b3,  0x17b4,  0x17b5,  0x200a,  0x200b,  0x200f,  0x2010,
        0x2027,  0x2028,  0x202e,  0x202f,  0x205f,  0x2060,  0x2064,  0x2065,
        0x2069,  0x206a,  0x206f,  0x2070,  0xd7ff,  0xe000,  0xfefe,  0xfeff,
        0xfff8,  0xfff9,  0xfffb,  0xfffc,  0xffff,  0x10000, 0x1d172, 0x1d173,
        0x1d17a, 0x1d17b, 0x1f600, 0xe0000, 0xe0001, 0xe0002, 0xe001f, 0xe0020,
        0xe007f, 0xe0080, 0x10ffff};
    static const std::vector<std::string> kInvalid = {"\x80",
                                                      "\xbf",
                                                      "\xc0\x80",
                                                      "\xc1\xbf",
                                                      "\xe0\x80\x80",
                                                      "\xed\xa0\x80",
                                                      "\xed\xbf\xbf",
                                                      "\xe2\x82",
                                                      "\xf0\x80\x80\x80",
                                                      "\xf4\x90\x80\x80",
                                                      "\xf5\x80\x80\x80",
                                                      "\xff",
                                                      "\xc3"};
    std::string text;
    const int pieces = std::uniform_int_distribution<int>(0, 12)(rng_);
    for (int i = 0; i < pieces; ++i) {
      switch (std::uniform_int_distribution<int>(0, 3)(rng_)) {
        case 0:
          text.push_back(static_cast<char>(
              std::uniform_int_distribution<int>(0x20, 0x7e)(rng_)));
          break;
        case 1:
          AppendUtf8(Pick(kEdges), &text);
          break;
        case 2: {
          uint32_t cp;
          do {
            cp = std::uniform_int_distribution<uint32_t>(0x80, 0x10ffff)(rng_);
          } while (cp >= 0xd800 && cp <= 0xdfff);
          AppendUtf8(cp, &text);
          break;
        }
        default:
          text.append("abcdefghij",
                      std::uniform_int_distribution<int>(0, 10)(rng_));
      }
    }
    if (MakeInvalid()) {
      text.insert(std::uniform_int_distribution<size_t>(0, text.size())(rng_),
                  Pick(kInvalid));
    }
    return text;
  }

  std::string Bytes() {
    std::string bytes(std::uniform_int_distribution<int>(0, 8)(rng_), '\0');
    for (char& c : bytes) {
      c = static_cast<char>(std::uniform_int_distribution<int>(0, 255)(rng_));
    }
    return bytes;
  }

  int32_t Nanos() {
    switch (std::uniform_int_distribution<int>(0, 3)(rng_)) {
      case 0:
        return 0;
      case 1:
        return std::uniform_int_distribution<int32_t>(0, 999)(rng_) * 1000000;
      case 2:
        return std::uniform_int_distribution<int32_t>(0, 999999)(rng_) * 1000;
      default:
        return std::uniform_int_distribution<int32_t>(0, 999999999)(rng_);
    }
  }

  void Time(Message* m) {
    const Reflection* r = m->GetReflection();
    const Descriptor* type = m->GetDescriptor();
    const bool timestamp = type->full_name() == "google.protobuf.Timestamp";
    const int64_t max = timestamp ? 253402300799 : 315576000000;
    const int64_t min = timestamp ? -62135596800 : -315576000000;
    int64_t seconds =
        Chance(30) ? Pick(std::vector<int64_t>{min, max, 0, -1, 1, 86399,
                                               951782400, 1709164800})
                   : std::uniform_int_distribution<int64_t>(min, max)(rng_);
    int32_t nanos = Nanos();
    if (!timestamp && (seconds < 0 || (seconds == 0 && Chance(50)))) {
      nanos = -nanos;
    }
    if (MakeInvalid()) {
      switch (std::uniform_int_distribution<int>(0, 2)(rng_)) {
        case 0:
          seconds = Chance(50) ? max + 1 : min - 1;
          break;
        case 1:
          nanos = Chance(50) ? 1000000000 : -1000000000;
          break;
        default:
          if (timestamp) {
            nanos = -1;
          } else {
            seconds = 5;
            nanos = -5;
          }
      }
    }
    r->SetInt64(m, type->FindFieldByName("seconds"), seconds);
    r->SetInt32(m, type->FindFieldByName("nanos"), nanos);
  }

  void Fill(Message* m, int depth) {
    const Descriptor* type = m->GetDescriptor();
    const std::string& name = type->full_name();
    if (name == "google.protobuf.Timestamp" ||
        name == "google.protobuf.Duration") {
      Time(m);
      return;
    }
    const Reflection* r = m->GetReflection();
    for (int i = 0; i < type->field_count(); ++i) {
      const FieldDescriptor* f = type->field(i);
      if (Chance(30)) continue;
      // One member of a oneof at most (setting another would clear it).
      if (f->containing_oneof() != nullptr &&
          r->GetOneofFieldDescriptor(*m, f->containing_oneof()) != nullptr) {
        continue;
      }
      const bool message = f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE;
      if (message && depth >= 3) continue;
      const int count =
          f->is_repeated() ? std::uniform_int_distribution<int>(0, 4)(rng_) : 1;
      for (int k = 0; k < count; ++k) Set(m, r, f, depth);
    }
  }

  void Set(Message* m, const Reflection* r, const FieldDescriptor* f,
           int depth) {
    const bool rep = f->is_repeated();
    switch (f->cpp_type()) {
      case FieldDescriptor::CPPTYPE_INT32: {
        const int32_t v = Int<int32_t>();
        rep ? r->AddInt32(m, f, v) : r->SetInt32(m, f, v);
        break;
      }
      case FieldDescriptor::CPPTYPE_INT64: {
        const int64_t v = Int<int64_t>();
        rep ? r->AddInt64(m, f, v) : r->SetInt64(m, f, v);
        break;
      }
      case FieldDescriptor::CPPTYPE_UINT32: {
        const uint32_t v = Int<uint32_t>();
        rep ? r->AddUInt32(m, f, v) : r->SetUInt32(m, f, v);
        break;
      }
      case FieldDescriptor::CPPTYPE_UINT64: {
        const uint64_t v = Int<uint64_t>();
        rep ? r->AddUInt64(m, f, v) : r->SetUInt64(m, f, v);
        break;
      }
      case FieldDescriptor::CPPTYPE_BOOL: {
        const bool v = Chance(50);
        rep ? r->AddBool(m, f, v) : r->SetBool(m, f, v);
        break;
      }
      case FieldDescriptor::CPPTYPE_STRING: {
        std::string v =
            f->type() == FieldDescriptor::TYPE_BYTES ? Bytes() : Text();
        rep ? r->AddString(m, f, std::move(v))
            : r->SetString(m, f, std::move(v));
        break;
      }
      case FieldDescriptor::CPPTYPE_ENUM: {
        const google::protobuf::EnumDescriptor* e = f->enum_type();
        const int v =
            Chance(15) ? Pick(std::vector<int>{7, -9, 12345, -2147483647 - 1})
                       : e->value(std::uniform_int_distribution<int>(
                                      0, e->value_count() - 1)(rng_))
                             ->number();
        rep ? r->AddEnumValue(m, f, v) : r->SetEnumValue(m, f, v);
        break;
      }
      case FieldDescriptor::CPPTYPE_MESSAGE:
        Fill(rep ? r->AddMessage(m, f) : r->MutableMessage(m, f), depth + 1);
        break;
      default:
        break;
    }
  }

  std::mt19937_64 rng_;
  bool may_be_invalid_ = false;
  bool invalid_ = false;
};

TEST(JsonPrinterTest, RandomMessagesOfEveryKind) {
  std::vector<const Descriptor*> types = {
      jsontest::Everything::descriptor(), jsontest::Scalars::descriptor(),
      jsontest::Lists::descriptor(), jsontest::InOrder::descriptor()};
  const google::protobuf::ServiceDescriptor* service =
      v1::RankOffersResponse::descriptor()->file()->FindServiceByName(
          "RemitRank");
  for (int i = 0; i < service->method_count(); ++i) {
    types.push_back(service->method(i)->output_type());
  }
  RandomMessages random(20261202);
  google::protobuf::MessageFactory* factory =
      google::protobuf::MessageFactory::generated_factory();
  int fast = 0;
  int left = 0;
  for (const Descriptor* type : types) {
    for (int n = 0; n < 400; ++n) {
      std::unique_ptr<Message> m(factory->GetPrototype(type)->New());
      random.Fill(m.get());
      const Printed p = PrintBoth(*m);
      ASSERT_EQ(p.ours, p.protobuf) << type->full_name() << " #" << n << ":\n"
                                    << m->DebugString();
      ASSERT_EQ(p.fast, !random.invalid())
          << type->full_name() << " #" << n << ":\n"
          << m->DebugString();
      (p.fast ? fast : left) += 1;
    }
  }
  // Most are printed here; some are left to protobuf, on purpose.
  EXPECT_GT(fast, 8 * left);
  EXPECT_GT(left, 0);
}

// The handlers' real answers, on each test dataset: every corridor's
// offers (two amounts, all offers, opaque ones included), summary,
// histories and cost curve, and the corridor list and indicators.
class RealAnswersTest : public ::testing::TestWithParam<const char*> {};

TEST_P(RealAnswersTest, PrintedAsProtobufPrintsThem) {
  FakeClock clock(Day(2024, 9, 1));
  SnapshotStore store;
  store.Publish(Must(Snapshot::Load({GetParam()}, {}, clock)));
  PageTokens tokens(PageTokens::RandomKey());
  RemitRankHandler handler(&store, &clock, &tokens);
  int answers = 0;
  auto check = [&](const absl::Status& status, const Message& response) {
    if (!status.ok()) return;  // e.g. no history for survey-free data
    const Printed p = PrintBoth(response);
    EXPECT_TRUE(p.fast) << response.GetDescriptor()->full_name();
    EXPECT_EQ(p.ours, p.protobuf) << response.GetDescriptor()->full_name();
    ++answers;
  };
  v1::ListCorridorsResponse list;
  v1::ListCorridorsRequest list_request;
  list_request.set_page_size(1000);
  ASSERT_TRUE(handler.ListCorridors(list_request, &list).ok());
  check(absl::OkStatus(), list);
  ASSERT_GT(list.corridors_size(), 0);
  v1::Indicators indicators;
  check(handler.GetIndicators({}, &indicators), indicators);
  int offers = 0;
  for (const v1::CorridorInfo& info : list.corridors()) {
    for (int units : {120, 500}) {
      v1::RankOffersRequest request;
      *request.mutable_corridor() = info.corridor();
      request.mutable_send_amount()->set_currency_code(
          info.corridor().send_currency());
      request.mutable_send_amount()->set_units(units);
      request.set_include_opaque(true);
      request.set_page_size(100);
      v1::RankOffersResponse response;
      check(handler.RankOffers(request, &response), response);
      offers += response.offers_size();
    }
    v1::GetCorridorSummaryRequest summary_request;
    *summary_request.mutable_corridor() = info.corridor();
    v1::CorridorSummary summary;
    check(handler.GetCorridorSummary(summary_request, &summary), summary);
    for (v1::AmountLevel level : {v1::AMOUNT_LEVEL_CC1, v1::AMOUNT_LEVEL_CC2}) {
      v1::GetCorridorHistoryRequest history_request;
      *history_request.mutable_corridor() = info.corridor();
      history_request.set_amount_level(level);
      v1::CorridorHistory history;
      check(handler.GetCorridorHistory(history_request, &history), history);
    }
    v1::GetCostCurveRequest curve_request;
    *curve_request.mutable_corridor() = info.corridor();
    for (v1::Money* amount : {curve_request.mutable_min_amount(),
                              curve_request.mutable_max_amount()}) {
      amount->set_currency_code(info.corridor().send_currency());
    }
    curve_request.mutable_min_amount()->set_units(1);
    curve_request.mutable_max_amount()->set_units(1000);
    v1::GetCostCurveResponse curve;
    check(handler.GetCostCurve(curve_request, &curve), curve);
  }
  EXPECT_GT(offers, 0);
  EXPECT_GT(answers, 3 * list.corridors_size());
}

INSTANTIATE_TEST_SUITE_P(
    Datasets, RealAnswersTest,
    ::testing::Values(::remit::testing::kSampleCorridors,
                      ::remit::testing::kSurveyPeriods,
                      "testdata/rpw/rpw_test_workbook.xlsx"));

}  // namespace
}  // namespace remit::service::http
