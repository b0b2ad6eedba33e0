// XmlStream: an incremental XML parser (expat) that hands elements and text
// to an XmlHandler as the document arrives in chunks, so that a part of any
// size is parsed in constant memory (apart from what the handler keeps).
//
// Elements are named by their local name: a prefix ("x:row") is dropped,
// so a part reads the same whether its namespace is the default one or is
// bound to a prefix. Documents with a DOCTYPE are refused (no .xlsx part
// has one, and refusing them rules out entity expansion attacks), as are
// elements nested deeper than kMaxDepth and documents where more than
// kMaxBytesWithoutEvent bytes pass without an element or text (a tag or
// attribute that long would make expat buffer all of it).
//
// Thread-safety: an XmlStream is used by one thread at a time.
//
// Example:
//   MyHandler handler;
//   XmlStream xml(&handler);
//   for (absl::string_view chunk : chunks) {
//     if (absl::Status s = xml.Feed(chunk); !s.ok()) return s;
//   }
//   return xml.Finish();
#ifndef REMIT_ENGINE_WORKBOOK_INTERNAL_XML_STREAM_H_
#define REMIT_ENGINE_WORKBOOK_INTERNAL_XML_STREAM_H_

#include <cstddef>
#include <cstdint>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

struct XML_ParserStruct;  // expat's XML_Parser.

namespace remit::workbook_internal {

// Receives what an XmlStream parses. A non-OK status from any method stops
// the parse, and Feed or Finish returns that status unchanged.
class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  // `name`: the element's local name. `attributes`: expat's array of
  // alternating names (as written, prefix included) and values, ending
  // with nullptr; find one with AttributeValue.
  virtual absl::Status StartElement(absl::string_view name,
                                    const char** attributes) = 0;
  virtual absl::Status EndElement(absl::string_view name) = 0;
  // Character data, entities resolved, in UTF-8; one text node may come in
  // several pieces.
  virtual absl::Status Text(absl::string_view text) = 0;
};

// The value of the attribute whose local name is `local_name`, or nullptr.
const char* AttributeValue(const char** attributes,
                           absl::string_view local_name);

// `name` without its namespace prefix: "x:row" -> "row".
absl::string_view LocalName(absl::string_view name);

class XmlStream {
 public:
  static constexpr int kMaxDepth = 256;
  static constexpr size_t kMaxBytesWithoutEvent = size_t{16} << 20;

  // `handler` must outlive the stream.
  explicit XmlStream(XmlHandler* handler);
  XmlStream(const XmlStream&) = delete;
  XmlStream& operator=(const XmlStream&) = delete;
  ~XmlStream();

  // Parses the next piece of the document. INVALID_ARGUMENT "malformed XML
  // at line L, column C: <reason>" when the document is not well-formed;
  // the handler's status when it stops the parse.
  absl::Status Feed(absl::string_view chunk);
  // Ends the document (an unclosed element is an error).
  absl::Status Finish();

  // Whether the parse was stopped by a status from the handler (rather
  // than by the stream's own checks): the caller may then want to pass the
  // status on as it is, and add its context to the others.
  bool stopped_by_handler() const { return stopped_by_handler_; }

  // Where the parse is, for a handler to ask during one of its calls: the
  // offset of the current event's first byte, counted from the start of
  // everything fed, and the number of elements open (the one just started
  // included, in StartElement).
  int64_t byte_index() const;
  int depth() const { return depth_; }

 private:
  static void OnStart(void* self, const char* name, const char** attributes);
  static void OnEnd(void* self, const char* name);
  static void OnText(void* self, const char* text, int length);
  static void OnDoctype(void* self, const char* name, const char* sysid,
                        const char* pubid, int has_internal_subset);
  absl::Status Parse(const char* data, int size, bool final);
  void Stop(absl::Status status, bool by_handler);

  XmlHandler* handler_;
  XML_ParserStruct* parser_;
  absl::Status stopped_;
  bool stopped_by_handler_ = false;
  int depth_ = 0;
  size_t bytes_since_event_ = 0;
};

}  // namespace remit::workbook_internal

#endif  // REMIT_ENGINE_WORKBOOK_INTERNAL_XML_STREAM_H_
