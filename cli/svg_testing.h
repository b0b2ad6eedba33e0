// Test helpers for the CLI's SVG charts: a chart parsed as XML (expat),
// as a browser or a printer would read it, and queries over its elements.
//
// Thread-safety: a Document is a plain value; ParseXml may be called from
// any thread.
//
// Example:
//   const Document doc = ParseXml(HistorySvg(history, ""));
//   EXPECT_EQ(doc.In("series average", "path").size(), 1u);
#ifndef REMIT_CLI_SVG_TESTING_H_
#define REMIT_CLI_SVG_TESTING_H_

#include <expat.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "gtest/gtest.h"

namespace remit::cli {

struct Element {
  std::string name;
  std::map<std::string, std::string> attributes;
  std::string text;  // Character data directly inside.
  int parent = -1;

  std::string Attribute(const std::string& key) const {
    auto it = attributes.find(key);
    return it == attributes.end() ? "" : it->second;
  }
};

struct Document {
  std::vector<Element> elements;
  std::vector<int> open;

  // Elements named `name` inside a <g> whose class is `group_class`.
  std::vector<const Element*> In(const std::string& group_class,
                                 const std::string& name) const {
    std::vector<const Element*> found;
    for (const Element& e : elements) {
      if (e.name != name) continue;
      for (int p = e.parent; p >= 0; p = elements[p].parent) {
        if (elements[p].name == "g" &&
            elements[p].Attribute("class") == group_class) {
          found.push_back(&e);
          break;
        }
      }
    }
    return found;
  }
  std::vector<const Element*> Named(const std::string& name) const {
    std::vector<const Element*> found;
    for (const Element& e : elements) {
      if (e.name == name) found.push_back(&e);
    }
    return found;
  }
};

inline void XMLCALL SvgStart(void* data, const XML_Char* name,
                             const XML_Char** atts) {
  auto* doc = static_cast<Document*>(data);
  Element e;
  e.name = name;
  for (int i = 0; atts[i] != nullptr; i += 2)
    e.attributes[atts[i]] = atts[i + 1];
  e.parent = doc->open.empty() ? -1 : doc->open.back();
  doc->elements.push_back(e);
  doc->open.push_back(static_cast<int>(doc->elements.size()) - 1);
}

inline void XMLCALL SvgEnd(void* data, const XML_Char* /*name*/) {
  static_cast<Document*>(data)->open.pop_back();
}

inline void XMLCALL SvgText(void* data, const XML_Char* s, int len) {
  auto* doc = static_cast<Document*>(data);
  if (!doc->open.empty()) {
    doc->elements[doc->open.back()].text.append(s, len);
  }
}

// Parses `svg`; fails the test when it is not well-formed XML.
inline Document ParseXml(const std::string& svg) {
  Document doc;
  XML_Parser parser = XML_ParserCreate("UTF-8");
  XML_SetUserData(parser, &doc);
  XML_SetElementHandler(parser, &SvgStart, &SvgEnd);
  XML_SetCharacterDataHandler(parser, &SvgText);
  const XML_Status status =
      XML_Parse(parser, svg.data(), static_cast<int>(svg.size()), 1);
  EXPECT_EQ(status, XML_STATUS_OK)
      << XML_ErrorString(XML_GetErrorCode(parser)) << " at line "
      << XML_GetCurrentLineNumber(parser) << "\n"
      << svg;
  XML_ParserFree(parser);
  return doc;
}

// How many times `c` stands in `text` (say, the M and L commands of a
// path's `d`).
inline int Count(const std::string& text, char c) {
  return static_cast<int>(std::count(text.begin(), text.end(), c));
}

// Expects `svg` to be a chart that stands alone and runs nothing: an <svg>
// root in the SVG namespace, no script, image, style sheet or foreign
// object, no link or event handler, no address after the namespace, and
// no url() reference but `allowed_url` (when not empty).
inline void ExpectSelfContained(const std::string& svg,
                                const std::string& allowed_url = "") {
  const Document doc = ParseXml(svg);
  ASSERT_FALSE(doc.elements.empty());
  EXPECT_EQ(doc.elements[0].name, "svg");
  EXPECT_EQ(doc.elements[0].Attribute("xmlns"), "http://www.w3.org/2000/svg");
  for (const Element& e : doc.elements) {
    EXPECT_NE(e.name, "script");
    EXPECT_NE(e.name, "image");
    EXPECT_NE(e.name, "style");
    EXPECT_NE(e.name, "foreignObject");
    for (const auto& [key, value] : e.attributes) {
      EXPECT_FALSE(absl::StrContains(key, "href")) << key;
      EXPECT_FALSE(absl::StartsWith(key, "on")) << key;  // Event handlers.
      if (absl::StrContains(value, "url(")) {
        EXPECT_TRUE(!allowed_url.empty() && value == allowed_url)
            << key << "=" << value;
      }
    }
  }
  EXPECT_FALSE(absl::StrContains(svg.substr(svg.find("<svg") + 60), "http"));
}

}  // namespace remit::cli

#endif  // REMIT_CLI_SVG_TESTING_H_
