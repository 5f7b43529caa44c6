#include "sw/lpu/asm/expr.hpp"

#include <cctype>
#include <string>

#include "sw/lpu/asm/text.hpp"

namespace nodevp::lpu::text {

namespace {

class Parser {
  public:
    Parser(std::string_view s, const Lookup& lookup) : s_(s), lookup_(lookup) {}

    std::int64_t parse() {
        const std::int64_t v = sum();
        skip();
        if (pos_ != s_.size()) fail("unexpected '" + std::string(s_.substr(pos_)) + "'");
        return v;
    }

  private:
    [[noreturn]] void fail(const std::string& what) const {
        throw LineError("in expression '" + std::string(s_) + "': " + what);
    }
    void skip() {
        while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
    }
    bool eat(char c) {
        skip();
        if (pos_ < s_.size() && s_[pos_] == c) return ++pos_, true;
        return false;
    }
    // a op b, or a LineError on 64-bit overflow.
    std::int64_t arith(char op, std::int64_t a, std::int64_t b) const {
        std::int64_t r = 0;
        const bool overflow = op == '+'   ? __builtin_add_overflow(a, b, &r)
                              : op == '-' ? __builtin_sub_overflow(a, b, &r)
                                          : __builtin_mul_overflow(a, b, &r);
        if (overflow) fail("64-bit overflow");
        return r;
    }
    std::int64_t sum() {
        std::int64_t v = product();
        for (;;) {
            if (eat('+'))
                v = arith('+', v, product());
            else if (eat('-'))
                v = arith('-', v, product());
            else
                return v;
        }
    }
    std::int64_t product() {
        std::int64_t v = unary();
        while (eat('*')) v = arith('*', v, unary());
        return v;
    }
    std::int64_t unary() {
        if (eat('-')) return arith('-', 0, unary());
        if (eat('+')) return unary();
        if (eat('(')) {
            const std::int64_t v = sum();
            if (!eat(')')) fail("missing ')'");
            return v;
        }
        return atom();
    }
    std::int64_t atom() {
        skip();
        const std::size_t start = pos_;
        while (pos_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[pos_])) ||
                                    s_[pos_] == '_' || s_[pos_] == '.'))
            ++pos_;
        const std::string tok(s_.substr(start, pos_ - start));
        if (tok.empty())
            fail(pos_ < s_.size() ? "unexpected '" + std::string(1, s_[pos_]) + "'"
                                  : "missing operand");
        if (std::isdigit(static_cast<unsigned char>(tok[0]))) return number(tok);
        if (!is_identifier(tok)) fail("bad name '" + tok + "'");
        const auto v = lookup_(tok);
        if (!v) fail("undefined name '" + tok + "'");
        return *v;
    }
    std::int64_t number(const std::string& tok) const {
        int base = 10;
        std::size_t i = 0;
        if (tok.size() > 2 && tok[0] == '0' && (tok[1] == 'x' || tok[1] == 'X')) base = 16, i = 2;
        if (tok.size() > 2 && tok[0] == '0' && (tok[1] == 'b' || tok[1] == 'B')) base = 2, i = 2;
        std::uint64_t v = 0;
        for (; i < tok.size(); ++i) {
            const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(tok[i])));
            const int d = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                          : (c >= 'a' && c <= 'f')                    ? c - 'a' + 10
                                                                      : 99;
            if (d >= base) fail("bad number '" + tok + "'");
            if (v > (UINT64_MAX - static_cast<unsigned>(d)) / static_cast<unsigned>(base))
                fail("number '" + tok + "' does not fit in 64 bits");
            v = v * static_cast<unsigned>(base) + static_cast<unsigned>(d);
        }
        // Hex literals may spell any 64-bit pattern; decimal ones must fit in int64.
        if (base == 10 && v > static_cast<std::uint64_t>(INT64_MAX))
            fail("number '" + tok + "' does not fit in 64 bits");
        return static_cast<std::int64_t>(v);
    }

    std::string_view s_;
    const Lookup& lookup_;
    std::size_t pos_ = 0;
};

}  // namespace

std::int64_t eval(std::string_view expr, const Lookup& lookup) {
    return Parser(expr, lookup).parse();
}

std::int64_t eval_in(std::string_view expr, const Lookup& lookup, const char* what, std::int64_t lo,
                     std::int64_t hi) {
    const std::int64_t v = eval(expr, lookup);
    if (v < lo || v > hi)
        throw LineError(std::string(what) + " " + std::to_string(v) + " is outside " +
                        std::to_string(lo) + " … " + std::to_string(hi));
    return v;
}

}  // namespace nodevp::lpu::text
