// Interrupt lines between models.
//
// A level-sensitive wire from one source to one sink, delivered synchronously by a function call
// in the caller's process (no delta cycle). The sink decides what a level change means; a hart
// wakes from WFI on it, an interrupt controller recomputes its outputs. Only changes are
// delivered. This is deliberately not an sc_signal: devices raise lines from b_transport calls
// made by several initiator threads, which a single-writer signal would reject.
#pragma once

namespace nodevp {

class IrqSink {
  public:
    virtual void irq_changed(unsigned line, bool level) = 0;

  protected:
    ~IrqSink() = default;
};

class IrqOut {
  public:
    void bind(IrqSink& sink, unsigned line) {
        sink_ = &sink;
        line_ = line;
        if (level_) sink_->irq_changed(line_, true);
    }
    void set(bool level) {
        if (level == level_) return;
        level_ = level;
        if (sink_) sink_->irq_changed(line_, level);
    }
    bool level() const { return level_; }
    bool bound() const { return sink_ != nullptr; }

  private:
    IrqSink* sink_ = nullptr;
    unsigned line_ = 0;
    bool level_ = false;
};

}  // namespace nodevp
