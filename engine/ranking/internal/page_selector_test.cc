#include "engine/ranking/internal/page_selector.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "gtest/gtest.h"

namespace remit::ranking_internal {
namespace {

// Candidates with few distinct keys (many ties), some opaque, each with its
// own tie rank so that the order is total.
std::vector<Candidate> MakeCandidates(size_t n, uint32_t seed) {
  std::mt19937 random(seed);
  std::vector<Candidate> out(n);
  for (size_t i = 0; i < n; ++i) {
    Candidate& c = out[i];
    c.order_key = random() % 20;
    c.cost_key = random() % 5;
    c.percent_key = 0;
    c.send_minor = 0;
    c.index = static_cast<uint32_t>(i);
    c.tie_rank = static_cast<uint32_t>(i);
    c.speed = static_cast<uint8_t>(random() % 3);
    c.opaque = random() % 7 == 0;
  }
  std::shuffle(out.begin(), out.end(), random);
  return out;
}

std::vector<uint32_t> Indexes(absl::Span<const Candidate> page) {
  std::vector<uint32_t> out;
  for (const Candidate& c : page) out.push_back(c.index);
  return out;
}

TEST(PageSelectorTest, EveryPageMatchesAFullSort) {
  constexpr size_t kMax = std::numeric_limits<size_t>::max();
  const struct {
    size_t count, offset, limit;
  } cases[] = {
      {0, 0, 10},     {1, 0, 10},     {50, 0, 10},    {50, 10, 10},
      {50, 45, 10},   {50, 60, 10},   {50, 0, 0},     {50, 0, kMax},
      {600, 0, 256},  {600, 0, 257},  {600, 250, 6},  {600, 251, 6},
      {600, 300, 50}, {600, 590, 50}, {600, 7, kMax}, {1000, 999, 1},
  };
  for (const auto& c : cases) {
    std::vector<Candidate> all = MakeCandidates(c.count, c.count + c.offset);
    std::vector<Candidate> sorted = all;
    std::sort(sorted.begin(), sorted.end(), RanksBefore);
    const size_t first = std::min(c.offset, sorted.size());
    const size_t last = first + std::min(c.limit, sorted.size() - first);

    std::vector<Candidate> buffer(3);  // Leftovers are cleared.
    PageSelector page(c.offset, c.limit, all.size(), &buffer);
    for (const Candidate& candidate : all) page.Add(candidate);
    EXPECT_EQ(page.added(), all.size());
    absl::Span<const Candidate> best = page.Finish();
    EXPECT_EQ(Indexes(best),
              Indexes(absl::MakeConstSpan(sorted).subspan(first, last - first)))
        << "count " << c.count << " offset " << c.offset << " limit "
        << c.limit;
    EXPECT_EQ(page.first_rank(), first + 1);
  }
}

TEST(PageSelectorTest, OpaqueOffersRankAfterEveryTransparentOne) {
  std::vector<Candidate> buffer;
  PageSelector page(0, 2, 3, &buffer);
  Candidate cheap_opaque{};
  cheap_opaque.opaque = true;
  cheap_opaque.index = 0;
  Candidate dear{};
  dear.order_key = 100;
  dear.index = 1;
  dear.tie_rank = 1;
  Candidate dearer{};
  dearer.order_key = 200;
  dearer.index = 2;
  dearer.tie_rank = 2;
  page.Add(cheap_opaque);
  page.Add(dearer);
  page.Add(dear);
  EXPECT_EQ(Indexes(page.Finish()), (std::vector<uint32_t>{1, 2}));
}

}  // namespace
}  // namespace remit::ranking_internal
