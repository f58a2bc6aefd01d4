// The Go type-string parser and printer (core/src/bridge/typeexpr.ts): a
// table of strings as go/types prints them (checked against go1.26's
// types.TypeString with the ingest's qualifier) that must round-trip, exact
// parse trees for the tricky ones, type-parameter scoping, and every error
// code.
import { describe, expect, it } from "vitest";
import { isMochiError } from "../../core/src/errors.js";
import { parseType, printType, type GoType } from "../../core/src/bridge/typeexpr.js";

/** Strings go/types prints (most taken from its output for a test package), each printed back unchanged. */
const ROUND_TRIP: readonly string[] = [
  // predeclared and qualified names
  "int",
  "string",
  "error",
  "any",
  "comparable",
  "byte",
  "rune",
  "uintptr",
  "complex128",
  "Greeter",
  "*Greeter",
  "io.Reader",
  "*sync.Mutex",
  "unsafe.Pointer",
  "net/http.Request",
  "*net/http.Request",
  "gopkg.in/yaml.v3.Node",
  "*gopkg.in/yaml.v3.Node",
  "github.com/a/b-c.T",
  "github.com/spf13/pflag.FlagSet",
  "go.uber.org/zap/zapcore.Field",
  "k8s.io/api/core/v1.Pod",
  "github.com/cespare/xxhash/v2.Digest",
  "example.com.T",
  "example.com/a~b+c/d_e.T",
  "Größe",
  "π",
  // composites
  "[]byte",
  "[4]byte",
  "[0]int",
  "[9007199254740991]byte",
  "[2][3]map[int]string",
  "[][]*T",
  "map[string]int",
  "map[string][]*net/http.Request",
  "map[[2]int]struct{}",
  "map[interface{}]func()",
  "map[string]chan<- error",
  "**T",
  // channels
  "chan int",
  "chan<- int",
  "<-chan int",
  "chan<- <-chan int",
  "chan (<-chan int)",
  "<-chan chan int",
  "<-chan <-chan int",
  "chan<- chan int",
  "chan struct{}",
  "chan func()",
  "chan (<-chan chan<- int)",
  // funcs
  "func()",
  "func() func()",
  "func() error",
  "func(int) (int, error)",
  "func(path string, err error) error",
  "func(int, ...string) (n int, err error)",
  "func(...int)",
  "func(format string, args ...any)",
  "func(a ...[]int) []int",
  "func(a int, b int) (c int)",
  "func() (err error)",
  "func(_ int, _ string)",
  "func(ctx context.Context) func() int",
  "func() (func(), error)",
  "func(f func(int) string, g func(...any)) <-chan error",
  "func(cmd *Command, args []string)",
  "func(cmd *Command, args []string) error",
  "func(*Command, string) ([]string, ShellCompDirective)",
  "func(x [4]int, y []int, z List[int])",
  "func(chan int, map[string]int, struct{}, interface{})",
  "func(fn func() func() func())",
  "func(h func(w net/http.ResponseWriter, r *net/http.Request)) net/http.Handler",
  // generics
  "List[int]",
  "*List[T]",
  "*List[*List[int]]",
  "Map[string, []*net/http.Request]",
  "Map[string, Map[int, []string]]",
  "github.com/x/m.Map[string, []*github.com/x/y.Y]",
  "sync/atomic.Pointer[Config]",
  "iter.Seq2[K, V]",
  "List[T any]",
  "Map[K comparable, V any]",
  "Pair[K, V any]",
  "GA[T any]",
  "Set[T interface{~int | ~string}]",
  "func[T any](x T) T",
  "func[T Number](xs []T) T",
  "func[M ~map[K]V, K comparable, V any](m M) []K",
  "func[S ~[]E, E interface{String() string; ~int}](s S)",
  // constraints and type sets
  "~int | ~int64 | ~float64",
  "~string",
  "int | string",
  "~[]E",
  "~map[K]V",
  "~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr | ~float32 | ~float64 | ~string",
  "golang.org/x/exp/constraints.Ordered",
  // interfaces
  "interface{}",
  "interface{comparable}",
  "interface{M(); N() int; ~int | string}",
  "interface{Read(p []byte) (n int, err error); io.Closer}",
  "interface{String() string; ~int}",
  "interface{~int | ~int64 | ~float64}",
  "interface{Printf(format string, args ...any)}",
  "interface{io.Reader; io.Writer}",
  "interface{Error() string; Unwrap() []error}",
  "interface{m()}",
  "interface{Do(func(x int) (y int, z error)) func()}",
  // structs and tags
  "struct{}",
  "struct{X int; Y int}",
  "struct{Prefix string; Count int}",
  "struct{Count int; Mean float64; tags []string}",
  'struct{A int "json:\\"a,omitempty\\" yaml:\\"{a}\\""}',
  'struct{A int "x:\\"}\\""; B int "x:\\"{\\""}',
  'struct{Y string "tab\\there \\"q\\" é \\x01"}',
  "struct{io.Reader; *List[int]; error}",
  "struct{_ int; _ string}",
  "struct{X [4]int; List[int]}",
  "struct{F func() \"json:\\\"-\\\"\"; G func(x int) int}",
  "struct{A struct{B struct{C int}}}",
  "struct{Run func(cmd *Command, args []string); PreRunE func(cmd *Command, args []string) error}",
  "struct{mu sync.Mutex; m map[string]any \"json:\\\"m\\\"\"}",
  "struct{N interface{Read(p []byte) (n int, err error); io.Closer}; O unsafe.Pointer}",
  "struct{Größe int}",
  "struct{D chan<- <-chan int; E chan (<-chan int); F <-chan chan int}",
];

describe("print(parse(s)) === s", () => {
  it.each(ROUND_TRIP.map((s) => [s]))("%s", (s) => {
    expect(printType(parseType(s))).toBe(s);
  });
});

const int: GoType = { kind: "basic", name: "int" };
const str: GoType = { kind: "basic", name: "string" };
const named = (pkg: string, name: string, args: GoType[] = []): GoType => ({ kind: "named", pkg, name, args });

describe("parse trees", () => {
  const cases: readonly [string, GoType][] = [
    ["gopkg.in/yaml.v3.Node", named("gopkg.in/yaml.v3", "Node")],
    ["github.com/a/b-c.T", named("github.com/a/b-c", "T")],
    ["example.com.T", named("example.com", "T")],
    ["io.Reader", named("io", "Reader")],
    ["Greeter", named("", "Greeter")],
    ["unsafe.Pointer", named("unsafe", "Pointer")],
    ["error", { kind: "basic", name: "error" }],
    ["[4]byte", { kind: "array", length: 4, elem: { kind: "basic", name: "byte" } }],
    [
      "m.Map[string, []*x.Y]",
      named("m", "Map", [str, { kind: "slice", elem: { kind: "pointer", elem: named("x", "Y") } }]),
    ],
    ["chan<- <-chan int", { kind: "chan", dir: "send", elem: { kind: "chan", dir: "recv", elem: int } }],
    ["chan (<-chan int)", { kind: "chan", dir: "both", elem: { kind: "chan", dir: "recv", elem: int } }],
    ["<-chan chan int", { kind: "chan", dir: "recv", elem: { kind: "chan", dir: "both", elem: int } }],
    ["map[string]int", { kind: "map", key: str, value: int }],
    [
      "func(path string, err error) error",
      {
        kind: "func",
        params: [
          { name: "path", type: str },
          { name: "err", type: { kind: "basic", name: "error" } },
        ],
        results: [{ type: { kind: "basic", name: "error" } }],
        variadic: false,
      },
    ],
    [
      "func(int, ...string) (n int, err error)",
      {
        kind: "func",
        params: [{ type: int }, { type: { kind: "slice", elem: str } }],
        results: [
          { name: "n", type: int },
          { name: "err", type: { kind: "basic", name: "error" } },
        ],
        variadic: true,
      },
    ],
    [
      "~int | string",
      {
        kind: "union",
        terms: [
          { tilde: true, type: int },
          { tilde: false, type: str },
        ],
      },
    ],
    ["~string", { kind: "union", terms: [{ tilde: true, type: str }] }],
    [
      "interface{Len() int; io.Reader; ~int | ~string}",
      {
        kind: "interface",
        methods: [{ name: "Len", type: { kind: "func", params: [], results: [{ type: int }], variadic: false } }],
        embedded: [
          named("io", "Reader"),
          { kind: "union", terms: [{ tilde: true, type: int }, { tilde: true, type: str }] },
        ],
      },
    ],
    [
      'struct{A int "json:\\"{a}\\""; io.Reader; *List[int]; B []int}',
      {
        kind: "struct",
        fields: [
          { name: "A", embedded: false, type: int, tag: { literal: '"json:\\"{a}\\""', value: 'json:"{a}"' } },
          { name: "Reader", embedded: true, type: named("io", "Reader") },
          { name: "List", embedded: true, type: { kind: "pointer", elem: named("", "List", [int]) } },
          { name: "B", embedded: false, type: { kind: "slice", elem: int } },
        ],
      },
    ],
    ["struct{error}", { kind: "struct", fields: [{ name: "error", embedded: true, type: { kind: "basic", name: "error" } }] }],
    [
      'struct{A int "\\u00e9\\x41\\101\\n"}',
      {
        kind: "struct",
        fields: [{ name: "A", embedded: false, type: int, tag: { literal: '"\\u00e9\\x41\\101\\n"', value: "éAA\n" } }],
      },
    ],
    [
      "struct{A int `json:\"a\"`}",
      { kind: "struct", fields: [{ name: "A", embedded: false, type: int, tag: { literal: '`json:"a"`', value: 'json:"a"' } }] },
    ],
    [
      "Pair[K, V any]",
      { kind: "named", pkg: "", name: "Pair", args: [], typeParams: [{ names: ["K", "V"], constraint: { kind: "basic", name: "any" } }] },
    ],
    [
      "func[S ~[]E, E any](s S) E",
      {
        kind: "func",
        params: [{ name: "s", type: { kind: "typeparam", name: "S" } }],
        results: [{ type: { kind: "typeparam", name: "E" } }],
        variadic: false,
        typeParams: [
          { names: ["S"], constraint: { kind: "union", terms: [{ tilde: true, type: { kind: "slice", elem: { kind: "typeparam", name: "E" } } }] } },
          { names: ["E"], constraint: { kind: "basic", name: "any" } },
        ],
      },
    ],
  ];
  it.each(cases)("%s", (s, tree) => {
    expect(parseType(s)).toEqual(tree);
    expect(printType(tree)).toBe(s);
  });

  it("reads whitespace the way go/types writes it: `X []int` is a name and a type, `List[int]` type arguments", () => {
    expect(parseType("func(X []int)")).toEqual({ kind: "func", params: [{ name: "X", type: { kind: "slice", elem: int } }], results: [], variadic: false });
    expect(parseType("func(List[int])")).toEqual({ kind: "func", params: [{ type: named("", "List", [int]) }], results: [], variadic: false });
    expect(parseType("func(x List[int])")).toEqual({ kind: "func", params: [{ name: "x", type: named("", "List", [int]) }], results: [], variadic: false });
    expect(parseType("List[T]")).toEqual(named("", "List", [named("", "T")]));
  });

  it("prints a channel of a receive-only channel with parentheses, whatever the input spacing", () => {
    expect(printType({ kind: "chan", dir: "both", elem: { kind: "chan", dir: "recv", elem: int } })).toBe("chan (<-chan int)");
    // Go reads `chan <-chan int` as chan<- (chan int): the arrow binds to the leftmost chan.
    expect(printType(parseType("chan <-chan int"))).toBe("chan<- chan int");
  });
});

describe("type parameters in scope", () => {
  it("makes a bare name in scope a typeparam, not a type of the package", () => {
    expect(parseType("[]T", { typeParams: ["T"] })).toEqual({ kind: "slice", elem: { kind: "typeparam", name: "T" } });
    expect(parseType("[]T")).toEqual({ kind: "slice", elem: named("", "T") });
    expect(parseType("map[K]V", { typeParams: new Set(["K", "V"]) })).toEqual({
      kind: "map",
      key: { kind: "typeparam", name: "K" },
      value: { kind: "typeparam", name: "V" },
    });
    expect(parseType("pkg.T", { typeParams: ["T"] })).toEqual(named("pkg", "T"));
  });

  it("scopes the type parameters a func type declares to that func type only", () => {
    const t = parseType("func(f func[T any](x T), y T)");
    expect(t).toEqual({
      kind: "func",
      params: [
        {
          name: "f",
          type: {
            kind: "func",
            params: [{ name: "x", type: { kind: "typeparam", name: "T" } }],
            results: [],
            variadic: false,
            typeParams: [{ names: ["T"], constraint: { kind: "basic", name: "any" } }],
          },
        },
        { name: "y", type: named("", "T") },
      ],
      results: [],
      variadic: false,
    });
  });
});

describe("errors", () => {
  const cases: readonly [string, string, string[]?][] = [
    ["", "M074_TYPEEXPR_E001"],
    ["*", "M074_TYPEEXPR_E001"],
    ["map[string", "M074_TYPEEXPR_E001"],
    ["func(", "M074_TYPEEXPR_E001"],
    ["struct{A int", "M074_TYPEEXPR_E001"],
    ["chan<-", "M074_TYPEEXPR_E001"],
    ["func(a int b)", "M074_TYPEEXPR_E002"],
    ["map]int", "M074_TYPEEXPR_E002"],
    ["@", "M074_TYPEEXPR_E002"],
    ["[x]int", "M074_TYPEEXPR_E002"],
    ["<-int", "M074_TYPEEXPR_E002"],
    ["struct{A int;; B int}", "M074_TYPEEXPR_E002"],
    ["(int)", "M074_TYPEEXPR_E002"],
    ["int int", "M074_TYPEEXPR_E003"],
    ["int)", "M074_TYPEEXPR_E003"],
    ["[]int]", "M074_TYPEEXPR_E003"],
    ["int /* type parameter */", "M074_TYPEEXPR_E002"],
    ["foo/bar", "M074_TYPEEXPR_E004"],
    ["io.", "M074_TYPEEXPR_E004"],
    ["9abc", "M074_TYPEEXPR_E004"],
    ["a-b", "M074_TYPEEXPR_E004"],
    ["example.com//x.T", "M074_TYPEEXPR_E004"],
    ['struct{A int "unterminated}', "M074_TYPEEXPR_E005"],
    ['struct{A int "\\q"}', "M074_TYPEEXPR_E005"],
    ['struct{A int "\\xff"}', "M074_TYPEEXPR_E005"],
    ['struct{A int "\\\'"}', "M074_TYPEEXPR_E005"],
    ['struct{A int "\\400"}', "M074_TYPEEXPR_E005"],
    ['struct{A int "\\ud800"}', "M074_TYPEEXPR_E005"],
    ['struct{A int "\\x4"}', "M074_TYPEEXPR_E005"],
    ["[01]int", "M074_TYPEEXPR_E006"],
    ["[99999999999999999999]int", "M074_TYPEEXPR_E006"],
    ["invalid type", "M074_TYPEEXPR_E007"],
    ["[]invalid type", "M074_TYPEEXPR_E007"],
    ["func(x invalid type)", "M074_TYPEEXPR_E007"],
    ["struct{[]int}", "M074_TYPEEXPR_E008"],
    ["struct{map[string]int}", "M074_TYPEEXPR_E008"],
    ["func(...int, string)", "M074_TYPEEXPR_E009"],
    ["func() (...int)", "M074_TYPEEXPR_E009"],
    ["T[int]", "M074_TYPEEXPR_E010", ["T"]],
  ];
  it.each(cases)("%j fails with %s", (s, code, typeParams) => {
    let caught: unknown;
    try {
      parseType(s, { typeParams: typeParams ?? [], where: "$.x" });
    } catch (e) {
      caught = e;
    }
    expect(isMochiError(caught), String(caught)).toBe(true);
    const err = caught as { code: string; where: string; detail: string };
    expect(err.code).toBe(code);
    expect(err.where).toBe("$.x");
    expect(err.detail).toContain(JSON.stringify(s));
  });
});
