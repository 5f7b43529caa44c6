// The VXM's integer arithmetic on whole stream groups: N vxm_lane_alu lanes under one
// instruction strobe. Semantics and corner cases: docs/lpu/architecture.md ("VXM") and
// vxm_lane_alu.sv; latencies: models/lpu/isa/lpu_isa.def.
//
// Pin contract (one instruction per clock, what one VXM queue issues in that cycle):
//   in_valid, in_opcode (the ISA opcode), in_wlog (log2 of the element's bytes: 0 i8, 1 i16,
//   2 i32; REQ: of the destination, 0 or 1), in_shift and in_scale (REQ: the sB field and the
//   30-bit immediate), in_tag (the wrapper's label, returned with the result).
//   in_a / in_b are the operand stream groups as byte planes: plane k, lane i is byte i of
//   stream s+k, so lane i's element is {plane 3, 2, 1, 0}[i] (REQ reads all four planes, i32).
//   An instruction issued in cycle t has its result during cycle t + latency on the output of
//   its latency class, with that class's valid and the issue's tag: alu_* (LAT_ADD: every
//   operation but MUL and REQ), mul_* (LAT_MUL), req_* (LAT_REQ). Classes have separate outputs
//   because instructions issued in different cycles can land in the same one. Result planes
//   above the element width are zero.
//   in_unsupported flags an instruction this unit does not execute (floating point, CVT, TANH,
//   EXP, RSQRT, wlog 3, REQ to i32); it produces no result.
module vxm_alu
  import lpu_isa_pkg::*;
#(
    parameter int N = 32,     // lanes
    parameter int TAG_W = 8
) (
    input  logic                     clk,
    input  logic                     rst,  // synchronous: clears the valid strobes
    input  logic                     in_valid,
    input  logic [              7:0] in_opcode,
    input  logic [              1:0] in_wlog,
    input  logic [              5:0] in_shift,
    input  logic [             29:0] in_scale,
    input  logic [        TAG_W-1:0] in_tag,
    input  logic [3:0][N-1:0][7:0]   in_a,
    input  logic [3:0][N-1:0][7:0]   in_b,
    output logic                     in_unsupported,
    output logic                     alu_valid,
    output logic [        TAG_W-1:0] alu_tag,
    output logic [3:0][N-1:0][7:0]   alu_d,
    output logic                     mul_valid,
    output logic [        TAG_W-1:0] mul_tag,
    output logic [3:0][N-1:0][7:0]   mul_d,
    output logic                     req_valid,
    output logic [        TAG_W-1:0] req_tag,
    output logic [3:0][N-1:0][7:0]   req_d
);
  // Every single-cycle-class operation must share the ADD latency (one output per class).
  if (LAT_SUB != LAT_ADD || LAT_MIN != LAT_ADD || LAT_MAX != LAT_ADD || LAT_AND != LAT_ADD ||
      LAT_OR != LAT_ADD || LAT_XOR != LAT_ADD || LAT_SHL != LAT_ADD || LAT_SHR != LAT_ADD ||
      LAT_MOV != LAT_ADD || LAT_NEG != LAT_ADD || LAT_ABS != LAT_ADD ||
      LAT_RELU != LAT_ADD) begin : g_bad_latencies
    $error("vxm_alu: the ALU-class operations no longer share one latency");
  end

  logic is_alu, is_mul, is_req;
  always_comb begin
    is_alu = 1'b0;
    case (in_opcode)
      OP_ADD, OP_SUB, OP_MIN, OP_MAX, OP_AND, OP_OR, OP_XOR, OP_SHL, OP_SHR, OP_MOV, OP_NEG,
          OP_ABS, OP_RELU:
      is_alu = in_wlog != 2'd3;
      default: ;
    endcase
    is_mul = in_opcode == OP_MUL && in_wlog != 2'd3;
    is_req = in_opcode == OP_REQ && in_wlog <= 2'd1;
  end
  assign in_unsupported = in_valid && !(is_alu || is_mul || is_req);

  lpu_pipe #(.W(1 + TAG_W), .DEPTH(LAT_ADD)) u_alu_strobe (
      .clk, .rst, .d({in_valid && is_alu, in_tag}), .q({alu_valid, alu_tag})
  );
  lpu_pipe #(.W(1 + TAG_W), .DEPTH(LAT_MUL)) u_mul_strobe (
      .clk, .rst, .d({in_valid && is_mul, in_tag}), .q({mul_valid, mul_tag})
  );
  lpu_pipe #(.W(1 + TAG_W), .DEPTH(LAT_REQ)) u_req_strobe (
      .clk, .rst, .d({in_valid && is_req, in_tag}), .q({req_valid, req_tag})
  );

  for (genvar i = 0; i < N; i++) begin : g_lane
    logic [31:0] alu_w, mul_w, req_w;
    vxm_lane_alu u_lane (
        .clk,
        .in_opcode,
        .in_wlog,
        .in_shift,
        .in_scale,
        .in_a({in_a[3][i], in_a[2][i], in_a[1][i], in_a[0][i]}),
        .in_b({in_b[3][i], in_b[2][i], in_b[1][i], in_b[0][i]}),
        .alu_d(alu_w),
        .mul_d(mul_w),
        .req_d(req_w)
    );
    for (genvar k = 0; k < 4; k++) begin : g_plane
      assign alu_d[k][i] = alu_w[8*k+:8];
      assign mul_d[k][i] = mul_w[8*k+:8];
      assign req_d[k][i] = req_w[8*k+:8];
    end
  end
endmodule
