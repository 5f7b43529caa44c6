// A delay line: q is d delayed by DEPTH clock edges (DEPTH 0: a wire). With RESET, a synchronous
// reset clears every stage; wide operand lines whose strobe travels in a reset line go without.
// The LPU units carry an instruction's strobe and operands through these so that its effect
// lands exactly `latency` cycles after issue.
module lpu_pipe #(
    parameter int W = 1,
    parameter int DEPTH = 1,
    parameter bit RESET = 1'b1
) (
    input  logic         clk,
    input  logic         rst,
    input  logic [W-1:0] d,
    output logic [W-1:0] q
);
  if (DEPTH == 0) begin : g_wire
    assign q = d;
    wire unused_ok = &{1'b0, clk, rst};
  end else begin : g_stages
    logic [W-1:0] stage[DEPTH+1];
    assign stage[0] = d;
    for (genvar i = 1; i <= DEPTH; i++) begin : g_stage
      if (RESET) begin : g_reset
        always_ff @(posedge clk) stage[i] <= rst ? '0 : stage[i-1];
      end else begin : g_plain
        always_ff @(posedge clk) stage[i] <= stage[i-1];
      end
    end
    if (!RESET) begin : g_unused_rst
      wire unused_ok = &{1'b0, rst};
    end
    assign q = stage[DEPTH];
  end
endmodule
