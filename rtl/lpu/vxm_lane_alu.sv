// One lane of the VXM's integer arithmetic (docs/lpu/architecture.md, "VXM"): an element of
// 8, 16 or 32 bits (in_wlog = log2 of its bytes) in the low bits of in_a / in_b; other bits are
// ignored. Three pipes, one per latency class of the ISA table, each with its own result:
//   alu_d  ADD SUB MIN MAX AND OR XOR SHL SHR MOV NEG ABS RELU  (LAT_ADD cycles)
//   mul_d  MUL                                                  (LAT_MUL cycles)
//   req_d  REQ: saturate((a * scale + 2^(shift-1)) >> shift) to i8 (wlog 0) or i16 (wlog 1),
//          64-bit product, arithmetic shift, shift 0 adds nothing  (LAT_REQ cycles)
// Arithmetic wraps; MIN/MAX/RELU compare signed; SHL/SHR take the count from in_b modulo the
// element width, SHR is arithmetic; NEG/ABS wrap. Result bits above the element are zero.
// The lane has no strobe: vxm_alu tells which pipe holds an instruction. Other opcodes
// (floating point, CVT) are not modelled; vxm_alu rejects them.
module vxm_lane_alu
  import lpu_isa_pkg::*;
(
    input  logic               clk,
    input  logic [        7:0] in_opcode,
    input  logic [        1:0] in_wlog,
    input  logic [        5:0] in_shift,   // REQ
    input  logic signed [29:0] in_scale,   // REQ
    input  logic [       31:0] in_a,
    input  logic [       31:0] in_b,
    output logic [       31:0] alu_d,
    output logic [       31:0] mul_d,
    output logic [       31:0] req_d
);
  if (LAT_ADD < 1 || LAT_MUL < 1 || LAT_REQ < 3) begin : g_bad_latencies
    $error("vxm_lane_alu: latencies ADD %0d MUL %0d REQ %0d too short", LAT_ADD, LAT_MUL,
           LAT_REQ);
  end

  function automatic logic [31:0] sext(logic [31:0] v, logic [1:0] wlog);
    case (wlog)
      2'd0: return {{24{v[7]}}, v[7:0]};
      2'd1: return {{16{v[15]}}, v[15:0]};
      default: return v;
    endcase
  endfunction

  function automatic logic [31:0] narrow(logic [31:0] v, logic [1:0] wlog);
    case (wlog)
      2'd0: return {24'b0, v[7:0]};
      2'd1: return {16'b0, v[15:0]};
      default: return v;
    endcase
  endfunction

  wire signed [31:0] a = sext(in_a, in_wlog);
  wire signed [31:0] b = sext(in_b, in_wlog);
  wire [4:0] count = in_b[4:0] & (in_wlog == 2'd0 ? 5'd7 : in_wlog == 2'd1 ? 5'd15 : 5'd31);

  // ---- single-cycle operations, then LAT_ADD - 1 more stages ---------------------------------
  logic [31:0] alu_now;
  always_comb begin
    case (in_opcode)
      OP_ADD:  alu_now = a + b;
      OP_SUB:  alu_now = a - b;
      OP_MIN:  alu_now = a < b ? a : b;
      OP_MAX:  alu_now = a > b ? a : b;
      OP_AND:  alu_now = a & b;
      OP_OR:   alu_now = a | b;
      OP_XOR:  alu_now = a ^ b;
      OP_SHL:  alu_now = a << count;
      OP_SHR:  alu_now = a >>> count;
      OP_MOV:  alu_now = a;
      OP_NEG:  alu_now = -a;
      OP_ABS:  alu_now = a < 0 ? -a : a;
      OP_RELU: alu_now = a > 0 ? a : 0;
      default: alu_now = '0;
    endcase
  end

  logic [31:0] alu_q;
  always_ff @(posedge clk) alu_q <= narrow(alu_now, in_wlog);
  lpu_pipe #(.W(32), .DEPTH(LAT_ADD - 1), .RESET(1'b0)) u_alu (
      .clk, .rst(1'b0), .d(alu_q), .q(alu_d)
  );

  // ---- MUL: low bits of the product ---------------------------------------------------------
  logic [31:0] mul_q;
  always_ff @(posedge clk) mul_q <= narrow(a * b, in_wlog);
  lpu_pipe #(.W(32), .DEPTH(LAT_MUL - 1), .RESET(1'b0)) u_mul (
      .clk, .rst(1'b0), .d(mul_q), .q(mul_d)
  );

  // ---- REQ: product | round and shift | saturate | LAT_REQ - 3 more stages ------------------
  logic signed [63:0] req_prod, req_shifted;
  logic        [ 5:0] req_shift1;
  logic        [ 1:0] req_wlog1, req_wlog2;
  always_ff @(posedge clk) begin
    req_prod   <= 64'(signed'(in_a)) * 64'(in_scale);  // |a * scale| < 2^60
    req_shift1 <= in_shift;
    req_wlog1  <= in_wlog;
  end

  always_ff @(posedge clk) begin
    logic signed [63:0] round;
    round = req_shift1 == 0 ? 64'sd0 : 64'sd1 <<< (req_shift1 - 6'd1);
    req_shifted <= (req_prod + round) >>> req_shift1;  // no overflow: |sum| < 2^63
    req_wlog2 <= req_wlog1;
  end

  logic [31:0] req_sat;
  always_ff @(posedge clk) begin
    logic signed [63:0] lo, hi;
    lo = req_wlog2 == 2'd0 ? -64'sd128 : -64'sd32768;
    hi = req_wlog2 == 2'd0 ? 64'sd127 : 64'sd32767;
    req_sat <= narrow(32'(req_shifted < lo ? lo : req_shifted > hi ? hi : req_shifted),
                      req_wlog2);
  end
  lpu_pipe #(.W(32), .DEPTH(LAT_REQ - 3), .RESET(1'b0)) u_req (
      .clk, .rst(1'b0), .d(req_sat), .q(req_d)
  );
endmodule
