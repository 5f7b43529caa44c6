// MXM plane: a weight-stationary N x N int8 multiply-accumulate array with eight int32
// accumulators, executing the MXM instructions LW, IW, ABC and ACC exactly as
// docs/lpu/architecture.md ("MXM") defines them, with the latencies of models/lpu/isa/lpu_isa.def.
//
// Pin contract (one instruction per clock, what the chip's MXM queue issues in that cycle):
//   in_valid with in_opcode (the ISA opcode), in_count (LW: g, 1 .. G), in_acc (ABC/ACC: 0 .. 7),
//   in_set (ABC.set) and in_vec: LW takes its rows from in_vec[0 .. g-1] (row k = stream sX+k,
//   byte c = weight column c), ABC its activation vector from in_vec[0]. An instruction issued
//   in cycle t (sampled at the edge closing t) takes effect in cycle t + latency; an ACC's result
//   is on out_y (lane r = row r's int32 sum) with out_valid during cycle t + LAT_ACC.
//   in_unsupported flags an instruction this unit cannot execute (unknown opcode, g outside
//   1 .. G); it is ignored.
// Effects landing in the same cycle apply in issue order (ABC, then LW or ACC, then IW): an ACC
// includes an ABC landing with it, an ABC uses the weights active before an IW landing with it,
// and an IW copies the shadow array including the rows of an LW landing with it.
// Not modelled: the fp16 path (CONFIG mxm.type f16); weight cells hold the int8 byte only.
module mxm_plane
  import lpu_isa_pkg::*;
#(
    parameter int N = 32,  // lanes: the vector length in bytes
    parameter int G = 32   // most rows one LW carries
) (
    input  logic                      clk,
    input  logic                      rst,             // synchronous: clears all state
    input  logic                      in_valid,
    input  logic [              7:0]  in_opcode,
    input  logic [              5:0]  in_count,
    input  logic [              2:0]  in_acc,
    input  logic                      in_set,
    input  logic [G-1:0][N-1:0][7:0]  in_vec,
    output logic                      in_unsupported,
    output logic                      out_valid,
    output logic [              2:0]  out_acc,
    output logic [N-1:0][31:0]        out_y
);
  localparam int ACCS = 8;
  localparam int RW = $clog2(N > 1 ? N : 2);  // row pointer width

  // Landing order and the multiply stage rely on these relations of the table's latencies.
  if (LAT_ABC < 2 || LAT_ABC <= LAT_ACC || LAT_ABC <= LAT_IW || LAT_LW <= LAT_IW ||
      LAT_IW < 1 || LAT_ACC < 1) begin : g_bad_latencies
    $error("mxm_plane: ISA latencies LW %0d IW %0d ABC %0d ACC %0d break the landing order",
           LAT_LW, LAT_IW, LAT_ABC, LAT_ACC);
  end
  if (G < 1 || G > 32 || N < 1) begin : g_bad_size
    $error("mxm_plane: N %0d, G %0d out of range", N, G);
  end

  // ---- decode -------------------------------------------------------------------------------
  wire is_lw = in_opcode == OP_LW;
  wire is_iw = in_opcode == OP_IW;
  wire is_abc = in_opcode == OP_ABC;
  wire is_acc = in_opcode == OP_ACC;
  wire lw_count_ok = in_count != 0 && 32'(in_count) <= G;
  assign in_unsupported = in_valid && !((is_lw && lw_count_ok) || is_iw || is_abc || is_acc);

  // ---- issue -> landing pipelines ------------------------------------------------------------
  // Strobes and small fields travel in reset lines, wide operands beside them without reset.
  logic                     lw_land;
  logic [              5:0] lw_g;
  logic [G-1:0][N-1:0][7:0] lw_rows;
  lpu_pipe #(.W(1 + 6), .DEPTH(LAT_LW - 1)) u_lw_pipe (
      .clk, .rst, .d({in_valid && is_lw && lw_count_ok, in_count}), .q({lw_land, lw_g})
  );
  lpu_pipe #(.W(G * N * 8), .DEPTH(LAT_LW - 1), .RESET(1'b0)) u_lw_rows (
      .clk, .rst, .d(in_vec), .q(lw_rows)
  );

  logic iw_land;
  lpu_pipe #(.W(1), .DEPTH(LAT_IW - 1)) u_iw_pipe (
      .clk, .rst, .d(in_valid && is_iw), .q(iw_land)
  );

  // ABC: the activation travels to the cycle before landing, is multiplied there with the
  // weights that will be active in the landing cycle, and the row sums land in the accumulator.
  logic              abc_mul_valid, abc_mul_set;
  logic [       2:0] abc_mul_acc;
  logic [N-1:0][7:0] abc_mul_x;
  lpu_pipe #(.W(1 + 1 + 3), .DEPTH(LAT_ABC - 2)) u_abc_pipe (
      .clk, .rst,
      .d({in_valid && is_abc, in_set, in_acc}),
      .q({abc_mul_valid, abc_mul_set, abc_mul_acc})
  );
  lpu_pipe #(.W(N * 8), .DEPTH(LAT_ABC - 2), .RESET(1'b0)) u_abc_x (
      .clk, .rst, .d(in_vec[0]), .q(abc_mul_x)
  );

  logic       acc_land;
  logic [2:0] acc_land_idx;
  lpu_pipe #(.W(1 + 3), .DEPTH(LAT_ACC - 1)) u_acc_pipe (
      .clk, .rst, .d({in_valid && is_acc, in_acc}), .q({acc_land, acc_land_idx})
  );

  // ---- weights ------------------------------------------------------------------------------
  // Cells are indexed [row][column]; row r's dot product with x is lane r of the result.
  logic [N-1:0][7:0] w_shadow[N];
  logic [N-1:0][7:0] w_active[N];
  logic [  RW-1:0]   row_ptr;
  logic [N-1:0][7:0] shadow_next[N];
  logic [N-1:0][7:0] active_next[N];
  logic [  RW-1:0]   row_ptr_next;

  // LW stores its rows at the pointer in order (a later row wins a wrapped slot); IW, after it
  // in issue order, copies the result and resets the pointer.
  always_comb begin
    logic [RW-1:0] p;
    shadow_next = w_shadow;
    p = row_ptr;
    if (lw_land) begin
      for (int k = 0; k < G; k++) begin
        if (k < 32'(lw_g)) begin
          shadow_next[p] = lw_rows[k];
          p = (32'(p) == N - 1) ? '0 : p + 1'b1;
        end
      end
    end
    row_ptr_next = iw_land ? '0 : p;
    active_next = iw_land ? shadow_next : w_active;
    if (rst) begin
      shadow_next = '{default: '0};
      active_next = '{default: '0};
      row_ptr_next = '0;
    end
  end

  always_ff @(posedge clk) begin
    w_shadow <= shadow_next;
    w_active <= active_next;
    row_ptr  <= row_ptr_next;
  end

  // ---- multiply stage: products with the weights active in the landing cycle ---------------
  logic signed [15:0] prod[N][N];
  logic signed [15:0] prod_next[N][N];
  logic               abc_land, abc_land_set;
  logic [        2:0] abc_land_acc;

  always_comb begin
    for (int r = 0; r < N; r++)
      for (int c = 0; c < N; c++)
        prod_next[r][c] = $signed(active_next[r][c]) * $signed(abc_mul_x[c]);
  end

  always_ff @(posedge clk) begin
    if (abc_mul_valid) prod <= prod_next;  // held otherwise: no toggling without an ABC
    abc_land <= !rst && abc_mul_valid;
    abc_land_set <= abc_mul_set;
    abc_land_acc <= abc_mul_acc;
  end

  // ---- accumulators -------------------------------------------------------------------------
  logic [31:0] acc[ACCS][N];  // the architectural accumulators (traced)
  logic [31:0] acc_next[ACCS][N];
  logic [N-1:0][31:0] abc_result;  // accumulator abc_land_acc after the landing ABC
  logic [N-1:0][31:0] drained;

  always_comb begin
    for (int r = 0; r < N; r++) begin
      logic [31:0] y;
      y = '0;
      for (int c = 0; c < N; c++) y = y + 32'(prod[r][c]);
      abc_result[r] = abc_land_set ? y : acc[abc_land_acc][r] + y;  // int32 wraps
    end
  end

  // ABC lands first, then ACC drains (an ACC includes an ABC landing with it).
  always_comb begin
    acc_next = acc;
    if (abc_land)
      for (int r = 0; r < N; r++) acc_next[abc_land_acc][r] = abc_result[r];
    for (int r = 0; r < N; r++) drained[r] = acc_next[acc_land_idx][r];
    if (acc_land)
      for (int r = 0; r < N; r++) acc_next[acc_land_idx][r] = '0;
    if (rst) acc_next = '{default: '{default: '0}};
  end

  always_ff @(posedge clk) begin
    acc <= acc_next;
    out_valid <= !rst && acc_land;
    if (acc_land) begin
      out_acc <= acc_land_idx;
      out_y   <= drained;
    end
  end
endmodule
