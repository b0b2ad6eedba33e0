#include "engine/workbook/internal/xml_stream.h"

#include <expat.h>

#include <algorithm>
#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"

namespace remit::workbook_internal {

absl::string_view LocalName(absl::string_view name) {
  const size_t colon = name.rfind(':');
  return colon == absl::string_view::npos ? name : name.substr(colon + 1);
}

namespace {

// LocalName of a NUL-terminated name, in one pass (this runs for every
// element and attribute of a sheet).
absl::string_view LocalNameOf(const char* name) {
  const char* local = name;
  const char* p = name;
  for (; *p != '\0'; ++p) {
    if (*p == ':') local = p + 1;
  }
  return absl::string_view(local, static_cast<size_t>(p - local));
}

}  // namespace

const char* AttributeValue(const char** attributes,
                           absl::string_view local_name) {
  for (const char** a = attributes; a[0] != nullptr; a += 2) {
    if (LocalNameOf(a[0]) == local_name) return a[1];
  }
  return nullptr;
}

XmlStream::XmlStream(XmlHandler* handler)
    : handler_(handler), parser_(XML_ParserCreate("UTF-8")) {
  if (parser_ == nullptr) {
    stopped_ = absl::ResourceExhaustedError("cannot create an XML parser");
    return;
  }
  XML_SetUserData(parser_, this);
  XML_SetElementHandler(parser_, &XmlStream::OnStart, &XmlStream::OnEnd);
  XML_SetCharacterDataHandler(parser_, &XmlStream::OnText);
  XML_SetStartDoctypeDeclHandler(parser_, &XmlStream::OnDoctype);
}

XmlStream::~XmlStream() {
  if (parser_ != nullptr) XML_ParserFree(parser_);
}

void XmlStream::Stop(absl::Status status, bool by_handler) {
  if (stopped_.ok()) {
    stopped_ = std::move(status);
    stopped_by_handler_ = by_handler;
  }
  XML_StopParser(parser_, XML_FALSE);
}

void XmlStream::OnStart(void* self, const char* name, const char** attributes) {
  XmlStream* xml = static_cast<XmlStream*>(self);
  // expat may deliver an event or two after a stop; they are ignored.
  if (!xml->stopped_.ok()) return;
  xml->bytes_since_event_ = 0;
  if (++xml->depth_ > kMaxDepth) {
    xml->Stop(
        absl::InvalidArgumentError(absl::StrCat(
            "malformed XML at line ", XML_GetCurrentLineNumber(xml->parser_),
            ": elements nested deeper than ", kMaxDepth)),
        false);
    return;
  }
  absl::Status status =
      xml->handler_->StartElement(LocalNameOf(name), attributes);
  if (!status.ok()) xml->Stop(std::move(status), true);
}

void XmlStream::OnEnd(void* self, const char* name) {
  XmlStream* xml = static_cast<XmlStream*>(self);
  if (!xml->stopped_.ok()) return;
  xml->bytes_since_event_ = 0;
  --xml->depth_;
  absl::Status status = xml->handler_->EndElement(LocalNameOf(name));
  if (!status.ok()) xml->Stop(std::move(status), true);
}

void XmlStream::OnText(void* self, const char* text, int length) {
  XmlStream* xml = static_cast<XmlStream*>(self);
  if (!xml->stopped_.ok()) return;
  xml->bytes_since_event_ = 0;
  absl::Status status =
      xml->handler_->Text(absl::string_view(text, static_cast<size_t>(length)));
  if (!status.ok()) xml->Stop(std::move(status), true);
}

void XmlStream::OnDoctype(void* self, const char* name, const char* sysid,
                          const char* pubid, int has_internal_subset) {
  XmlStream* xml = static_cast<XmlStream*>(self);
  if (!xml->stopped_.ok()) return;
  xml->Stop(
      absl::InvalidArgumentError(absl::StrCat(
          "malformed XML at line ", XML_GetCurrentLineNumber(xml->parser_),
          ": a document type declaration (DOCTYPE) is not accepted")),
      false);
}

absl::Status XmlStream::Parse(const char* data, int size, bool final) {
  if (!stopped_.ok()) return stopped_;
  if (XML_Parse(parser_, data, size, final ? XML_TRUE : XML_FALSE) !=
      XML_STATUS_ERROR) {
    return absl::OkStatus();
  }
  if (!stopped_.ok()) return stopped_;
  stopped_ = absl::InvalidArgumentError(
      absl::StrCat("malformed XML at line ", XML_GetCurrentLineNumber(parser_),
                   ", column ", XML_GetCurrentColumnNumber(parser_) + 1, ": ",
                   XML_ErrorString(XML_GetErrorCode(parser_))));
  return stopped_;
}

absl::Status XmlStream::Feed(absl::string_view chunk) {
  while (!chunk.empty()) {
    const size_t size = std::min(chunk.size(), size_t{1} << 20);
    bytes_since_event_ += size;
    absl::Status status = Parse(chunk.data(), static_cast<int>(size), false);
    if (!status.ok()) return status;
    if (bytes_since_event_ > kMaxBytesWithoutEvent) {
      stopped_ = absl::InvalidArgumentError(absl::StrCat(
          "malformed XML at line ", XML_GetCurrentLineNumber(parser_), ": ",
          bytes_since_event_, " bytes without an element or text"));
      return stopped_;
    }
    chunk.remove_prefix(size);
  }
  return absl::OkStatus();
}

int64_t XmlStream::byte_index() const {
  return parser_ == nullptr
             ? -1
             : static_cast<int64_t>(XML_GetCurrentByteIndex(parser_));
}

absl::Status XmlStream::Finish() { return Parse("", 0, true); }

}  // namespace remit::workbook_internal
