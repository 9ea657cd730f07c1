// dockyard GitLab metadata helper: computes image tags, labels and annotations with docker/metadata-action
// semantics from GitLab CI variables. Bundled (not minified) from dockyard src/tags and its entry
// src/io/gitlab-meta-main.ts (Apache-2.0; each part below starts with a "// src/…" line naming its source
// file) with parts of semver (ISC) and @renovatebot/pep440 (Apache-2.0). Dates use Node's own time-zone data
// (Intl.DateTimeFormat). Verify it: docs/tags.md#verifying-the-gitlab-metadata-helper.
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __commonJS = (cb, mod) => function __require() {
  return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// node_modules/@renovatebot/pep440/lib/version.js
var require_version = __commonJS({
  "node_modules/@renovatebot/pep440/lib/version.js"(exports, module) {
    var VERSION_PATTERN = [
      "v?",
      "(?:",
      /* */
      "(?:(?<epoch>[0-9]+)!)?",
      // epoch
      /* */
      "(?<release>[0-9]+(?:\\.[0-9]+)*)",
      // release segment
      /* */
      "(?<pre>",
      // pre-release
      /*    */
      "[-_\\.]?",
      /*    */
      "(?<pre_l>(a|b|c|rc|alpha|beta|pre|preview))",
      /*    */
      "[-_\\.]?",
      /*    */
      "(?<pre_n>[0-9]+)?",
      /* */
      ")?",
      /* */
      "(?<post>",
      // post release
      /*    */
      "(?:-(?<post_n1>[0-9]+))",
      /*    */
      "|",
      /*    */
      "(?:",
      /*        */
      "[-_\\.]?",
      /*        */
      "(?<post_l>post|rev|r)",
      /*        */
      "[-_\\.]?",
      /*        */
      "(?<post_n2>[0-9]+)?",
      /*    */
      ")",
      /* */
      ")?",
      /* */
      "(?<dev>",
      // dev release
      /*    */
      "[-_\\.]?",
      /*    */
      "(?<dev_l>dev)",
      /*    */
      "[-_\\.]?",
      /*    */
      "(?<dev_n>[0-9]+)?",
      /* */
      ")?",
      ")",
      "(?:\\+(?<local>[a-z0-9]+(?:[-_\\.][a-z0-9]+)*))?"
      // local version
    ].join("");
    module.exports = {
      VERSION_PATTERN,
      valid: valid2,
      clean: clean2,
      explain: explain2,
      parse: parse2,
      stringify
    };
    var validRegex = new RegExp("^" + VERSION_PATTERN + "$", "i");
    function valid2(version) {
      return validRegex.test(version) ? version : null;
    }
    var cleanRegex = new RegExp("^\\s*" + VERSION_PATTERN + "\\s*$", "i");
    function clean2(version) {
      return stringify(parse2(version, cleanRegex));
    }
    function parse2(version, regex) {
      const { groups } = (regex || validRegex).exec(version) || {};
      if (!groups) {
        return null;
      }
      const parsed = {
        epoch: Number(groups.epoch ? groups.epoch : 0),
        release: groups.release.split(".").map(Number),
        pre: normalize_letter_version(groups.pre_l, groups.pre_n),
        post: normalize_letter_version(
          groups.post_l,
          groups.post_n1 || groups.post_n2
        ),
        dev: normalize_letter_version(groups.dev_l, groups.dev_n),
        local: parse_local_version(groups.local)
      };
      return parsed;
    }
    function stringify(parsed) {
      if (!parsed) {
        return null;
      }
      const { epoch, release, pre, post, dev, local } = parsed;
      const parts = [];
      if (epoch !== 0) {
        parts.push(`${epoch}!`);
      }
      parts.push(release.join("."));
      if (pre) {
        parts.push(pre.join(""));
      }
      if (post) {
        parts.push("." + post.join(""));
      }
      if (dev) {
        parts.push("." + dev.join(""));
      }
      if (local) {
        parts.push(`+${local}`);
      }
      return parts.join("");
    }
    function normalize_letter_version(letterIn, numberIn) {
      let letter = letterIn;
      let number = numberIn;
      if (letter) {
        if (!number) {
          number = 0;
        }
        letter = letter.toLowerCase();
        if (letter === "alpha") {
          letter = "a";
        } else if (letter === "beta") {
          letter = "b";
        } else if (["c", "pre", "preview"].includes(letter)) {
          letter = "rc";
        } else if (["rev", "r"].includes(letter)) {
          letter = "post";
        }
        return [letter, Number(number)];
      }
      if (!letter && number) {
        letter = "post";
        return [letter, Number(number)];
      }
      return null;
    }
    function parse_local_version(local) {
      if (local) {
        return local.split(/[._-]/).map(
          (part) => Number.isNaN(Number(part)) ? part.toLowerCase() : Number(part)
        );
      }
      return null;
    }
    function explain2(version) {
      const parsed = parse2(version);
      if (!parsed) {
        return parsed;
      }
      const { epoch, release, pre, post, dev, local } = parsed;
      let base_version = "";
      if (epoch !== 0) {
        base_version += epoch + "!";
      }
      base_version += release.join(".");
      const is_prerelease = Boolean(dev || pre);
      const is_devrelease = Boolean(dev);
      const is_postrelease = Boolean(post);
      return {
        epoch,
        release,
        pre,
        post: post ? post[1] : post,
        dev: dev ? dev[1] : dev,
        local: local ? local.join(".") : local,
        public: stringify(parsed).split("+", 1)[0],
        base_version,
        is_prerelease,
        is_devrelease,
        is_postrelease
      };
    }
  }
});

// node_modules/@renovatebot/pep440/lib/semantic.js
var require_semantic = __commonJS({
  "node_modules/@renovatebot/pep440/lib/semantic.js"(exports, module) {
    var { explain: explain2, parse: parse2, stringify } = require_version();
    module.exports = {
      major: major2,
      minor: minor2,
      patch: patch2,
      inc
    };
    function major2(input) {
      const version = explain2(input);
      if (!version) {
        throw new TypeError("Invalid Version: " + input);
      }
      return version.release[0];
    }
    function minor2(input) {
      const version = explain2(input);
      if (!version) {
        throw new TypeError("Invalid Version: " + input);
      }
      if (version.release.length < 2) {
        return 0;
      }
      return version.release[1];
    }
    function patch2(input) {
      const version = explain2(input);
      if (!version) {
        throw new TypeError("Invalid Version: " + input);
      }
      if (version.release.length < 3) {
        return 0;
      }
      return version.release[2];
    }
    function inc(input, release, preReleaseIdentifier) {
      let identifier = preReleaseIdentifier || `a`;
      const version = parse2(input);
      if (!version) {
        return null;
      }
      if (!["a", "b", "c", "rc", "alpha", "beta", "pre", "preview"].includes(
        identifier
      )) {
        return null;
      }
      switch (release) {
        case "premajor":
          {
            const [majorVersion] = version.release;
            version.release.fill(0);
            version.release[0] = majorVersion + 1;
          }
          version.pre = [identifier, 0];
          delete version.post;
          delete version.dev;
          delete version.local;
          break;
        case "preminor":
          {
            const [majorVersion, minorVersion = 0] = version.release;
            version.release.fill(0);
            version.release[0] = majorVersion;
            version.release[1] = minorVersion + 1;
          }
          version.pre = [identifier, 0];
          delete version.post;
          delete version.dev;
          delete version.local;
          break;
        case "prepatch":
          {
            const [majorVersion, minorVersion = 0, patchVersion = 0] = version.release;
            version.release.fill(0);
            version.release[0] = majorVersion;
            version.release[1] = minorVersion;
            version.release[2] = patchVersion + 1;
          }
          version.pre = [identifier, 0];
          delete version.post;
          delete version.dev;
          delete version.local;
          break;
        case "prerelease":
          if (version.pre === null) {
            const [majorVersion, minorVersion = 0, patchVersion = 0] = version.release;
            version.release.fill(0);
            version.release[0] = majorVersion;
            version.release[1] = minorVersion;
            version.release[2] = patchVersion + 1;
            version.pre = [identifier, 0];
          } else {
            if (preReleaseIdentifier === void 0 && version.pre !== null) {
              [identifier] = version.pre;
            }
            const [letter, number] = version.pre;
            if (letter === identifier) {
              version.pre = [letter, number + 1];
            } else {
              version.pre = [identifier, 0];
            }
          }
          delete version.post;
          delete version.dev;
          delete version.local;
          break;
        case "major":
          if (version.release.slice(1).some((value2) => value2 !== 0) || version.pre === null) {
            const [majorVersion] = version.release;
            version.release.fill(0);
            version.release[0] = majorVersion + 1;
          }
          delete version.pre;
          delete version.post;
          delete version.dev;
          delete version.local;
          break;
        case "minor":
          if (version.release.slice(2).some((value2) => value2 !== 0) || version.pre === null) {
            const [majorVersion, minorVersion = 0] = version.release;
            version.release.fill(0);
            version.release[0] = majorVersion;
            version.release[1] = minorVersion + 1;
          }
          delete version.pre;
          delete version.post;
          delete version.dev;
          delete version.local;
          break;
        case "patch":
          if (version.release.slice(3).some((value2) => value2 !== 0) || version.pre === null) {
            const [majorVersion, minorVersion = 0, patchVersion = 0] = version.release;
            version.release.fill(0);
            version.release[0] = majorVersion;
            version.release[1] = minorVersion;
            version.release[2] = patchVersion + 1;
          }
          delete version.pre;
          delete version.post;
          delete version.dev;
          delete version.local;
          break;
        default:
          return null;
      }
      return stringify(version);
    }
  }
});

// node_modules/semver/internal/debug.js
var require_debug = __commonJS({
  "node_modules/semver/internal/debug.js"(exports, module) {
    "use strict";
    var debug = typeof process === "object" && process.env && process.env.NODE_DEBUG && /\bsemver\b/i.test(process.env.NODE_DEBUG) ? (...args) => console.error("SEMVER", ...args) : () => {
    };
    module.exports = debug;
  }
});

// node_modules/semver/internal/constants.js
var require_constants = __commonJS({
  "node_modules/semver/internal/constants.js"(exports, module) {
    "use strict";
    var SEMVER_SPEC_VERSION = "2.0.0";
    var MAX_LENGTH = 256;
    var MAX_SAFE_INTEGER = Number.MAX_SAFE_INTEGER || /* istanbul ignore next */
    9007199254740991;
    var MAX_SAFE_COMPONENT_LENGTH = 16;
    var MAX_SAFE_BUILD_LENGTH = MAX_LENGTH - 6;
    var WHITESPACE_CHARACTERS = [
      "	",
      "\n",
      "\v",
      "\f",
      "\r",
      " ",
      " ",
      " ",
      " ",
      " ",
      " ",
      " ",
      " ",
      " ",
      " ",
      " ",
      " ",
      " ",
      " ",
      "\u2028",
      "\u2029",
      " ",
      " ",
      "　",
      "\uFEFF"
    ];
    var RELEASE_TYPES = [
      "major",
      "premajor",
      "minor",
      "preminor",
      "patch",
      "prepatch",
      "prerelease"
    ];
    module.exports = {
      MAX_LENGTH,
      MAX_SAFE_COMPONENT_LENGTH,
      MAX_SAFE_BUILD_LENGTH,
      MAX_SAFE_INTEGER,
      WHITESPACE_CHARACTERS,
      RELEASE_TYPES,
      SEMVER_SPEC_VERSION,
      FLAG_INCLUDE_PRERELEASE: 1,
      FLAG_LOOSE: 2
    };
  }
});

// node_modules/semver/internal/re.js
var require_re = __commonJS({
  "node_modules/semver/internal/re.js"(exports, module) {
    "use strict";
    var {
      MAX_SAFE_COMPONENT_LENGTH,
      MAX_SAFE_BUILD_LENGTH,
      MAX_LENGTH
    } = require_constants();
    var debug = require_debug();
    exports = module.exports = {};
    var re = exports.re = [];
    var safeRe = exports.safeRe = [];
    var src = exports.src = [];
    var safeSrc = exports.safeSrc = [];
    var t = exports.t = {};
    var R = 0;
    var LETTERDASHNUMBER = "[a-zA-Z0-9-]";
    var safeRegexReplacements = [
      ["\\s", 1],
      ["\\d", MAX_LENGTH],
      [LETTERDASHNUMBER, MAX_SAFE_BUILD_LENGTH]
    ];
    var makeSafeRegex = (value2) => {
      for (const [token, max] of safeRegexReplacements) {
        value2 = value2.split(`${token}*`).join(`${token}{0,${max}}`).split(`${token}+`).join(`${token}{1,${max}}`);
      }
      return value2;
    };
    var createToken = (name, value2, isGlobal) => {
      const safe = makeSafeRegex(value2);
      const index = R++;
      debug(name, index, value2);
      t[name] = index;
      src[index] = value2;
      safeSrc[index] = safe;
      re[index] = new RegExp(value2, isGlobal ? "g" : void 0);
      safeRe[index] = new RegExp(safe, isGlobal ? "g" : void 0);
    };
    createToken("NUMERICIDENTIFIER", "0|[1-9]\\d*");
    createToken("NUMERICIDENTIFIERLOOSE", "\\d+");
    createToken("NONNUMERICIDENTIFIER", `\\d*[a-zA-Z-]${LETTERDASHNUMBER}*`);
    createToken("MAINVERSION", `(${src[t.NUMERICIDENTIFIER]})\\.(${src[t.NUMERICIDENTIFIER]})\\.(${src[t.NUMERICIDENTIFIER]})`);
    createToken("MAINVERSIONLOOSE", `(${src[t.NUMERICIDENTIFIERLOOSE]})\\.(${src[t.NUMERICIDENTIFIERLOOSE]})\\.(${src[t.NUMERICIDENTIFIERLOOSE]})`);
    createToken("PRERELEASEIDENTIFIER", `(?:${src[t.NONNUMERICIDENTIFIER]}|${src[t.NUMERICIDENTIFIER]})`);
    createToken("PRERELEASEIDENTIFIERLOOSE", `(?:${src[t.NONNUMERICIDENTIFIER]}|${src[t.NUMERICIDENTIFIERLOOSE]})`);
    createToken("PRERELEASE", `(?:-(${src[t.PRERELEASEIDENTIFIER]}(?:\\.${src[t.PRERELEASEIDENTIFIER]})*))`);
    createToken("PRERELEASELOOSE", `(?:-?(${src[t.PRERELEASEIDENTIFIERLOOSE]}(?:\\.${src[t.PRERELEASEIDENTIFIERLOOSE]})*))`);
    createToken("BUILDIDENTIFIER", `${LETTERDASHNUMBER}+`);
    createToken("BUILD", `(?:\\+(${src[t.BUILDIDENTIFIER]}(?:\\.${src[t.BUILDIDENTIFIER]})*))`);
    createToken("FULLPLAIN", `v?${src[t.MAINVERSION]}${src[t.PRERELEASE]}?${src[t.BUILD]}?`);
    createToken("FULL", `^${src[t.FULLPLAIN]}$`);
    createToken("LOOSEPLAIN", `[v=\\s]*${src[t.MAINVERSIONLOOSE]}${src[t.PRERELEASELOOSE]}?${src[t.BUILD]}?`);
    createToken("LOOSE", `^${src[t.LOOSEPLAIN]}$`);
    createToken("GTLT", "((?:<|>)?=?)");
    createToken("XRANGEIDENTIFIERLOOSE", `${src[t.NUMERICIDENTIFIERLOOSE]}|x|X|\\*`);
    createToken("XRANGEIDENTIFIER", `${src[t.NUMERICIDENTIFIER]}|x|X|\\*`);
    createToken("XRANGEPLAIN", `[v=\\s]*(${src[t.XRANGEIDENTIFIER]})(?:\\.(${src[t.XRANGEIDENTIFIER]})(?:\\.(${src[t.XRANGEIDENTIFIER]})(?:${src[t.PRERELEASE]})?${src[t.BUILD]}?)?)?`);
    createToken("XRANGEPLAINLOOSE", `[v=\\s]*(${src[t.XRANGEIDENTIFIERLOOSE]})(?:\\.(${src[t.XRANGEIDENTIFIERLOOSE]})(?:\\.(${src[t.XRANGEIDENTIFIERLOOSE]})(?:${src[t.PRERELEASELOOSE]})?${src[t.BUILD]}?)?)?`);
    createToken("XRANGE", `^${src[t.GTLT]}\\s*${src[t.XRANGEPLAIN]}$`);
    createToken("XRANGELOOSE", `^${src[t.GTLT]}\\s*${src[t.XRANGEPLAINLOOSE]}$`);
    createToken("COERCEPLAIN", `${"(^|[^\\d])(\\d{1,"}${MAX_SAFE_COMPONENT_LENGTH}})(?:\\.(\\d{1,${MAX_SAFE_COMPONENT_LENGTH}}))?(?:\\.(\\d{1,${MAX_SAFE_COMPONENT_LENGTH}}))?`);
    createToken("COERCE", `${src[t.COERCEPLAIN]}(?:$|[^\\d])`);
    createToken("COERCEFULL", src[t.COERCEPLAIN] + `(?:${src[t.PRERELEASE]})?(?:${src[t.BUILD]})?(?:$|[^\\d])`);
    createToken("COERCERTL", src[t.COERCE], true);
    createToken("COERCERTLFULL", src[t.COERCEFULL], true);
    createToken("LONETILDE", "(?:~>?)");
    createToken("TILDETRIM", `(\\s*)${src[t.LONETILDE]}\\s+`, true);
    exports.tildeTrimReplace = "$1~";
    createToken("TILDE", `^${src[t.LONETILDE]}${src[t.XRANGEPLAIN]}$`);
    createToken("TILDELOOSE", `^${src[t.LONETILDE]}${src[t.XRANGEPLAINLOOSE]}$`);
    createToken("LONECARET", "(?:\\^)");
    createToken("CARETTRIM", `(\\s*)${src[t.LONECARET]}\\s+`, true);
    exports.caretTrimReplace = "$1^";
    createToken("CARET", `^${src[t.LONECARET]}${src[t.XRANGEPLAIN]}$`);
    createToken("CARETLOOSE", `^${src[t.LONECARET]}${src[t.XRANGEPLAINLOOSE]}$`);
    createToken("COMPARATORLOOSE", `^${src[t.GTLT]}\\s*(${src[t.LOOSEPLAIN]})$|^$`);
    createToken("COMPARATOR", `^${src[t.GTLT]}\\s*(${src[t.FULLPLAIN]})$|^$`);
    createToken("COMPARATORTRIM", `(\\s*)${src[t.GTLT]}\\s*(${src[t.LOOSEPLAIN]}|${src[t.XRANGEPLAIN]})`, true);
    exports.comparatorTrimReplace = "$1$2$3";
    createToken("HYPHENRANGE", `^\\s*(${src[t.XRANGEPLAIN]})\\s+-\\s+(${src[t.XRANGEPLAIN]})\\s*$`);
    createToken("HYPHENRANGELOOSE", `^\\s*(${src[t.XRANGEPLAINLOOSE]})\\s+-\\s+(${src[t.XRANGEPLAINLOOSE]})\\s*$`);
    createToken("STAR", "(<|>)?=?\\s*\\*");
    createToken("GTE0", "^\\s*>=\\s*0\\.0\\.0\\s*$");
    createToken("GTE0PRE", "^\\s*>=\\s*0\\.0\\.0-0\\s*$");
  }
});

// node_modules/semver/internal/parse-options.js
var require_parse_options = __commonJS({
  "node_modules/semver/internal/parse-options.js"(exports, module) {
    "use strict";
    var looseOption = Object.freeze({ loose: true });
    var emptyOpts = Object.freeze({});
    var parseOptions = (options) => {
      if (!options) {
        return emptyOpts;
      }
      if (typeof options !== "object") {
        return looseOption;
      }
      return options;
    };
    module.exports = parseOptions;
  }
});

// node_modules/semver/internal/identifiers.js
var require_identifiers = __commonJS({
  "node_modules/semver/internal/identifiers.js"(exports, module) {
    "use strict";
    var numeric = /^[0-9]+$/;
    var compareIdentifiers = (a, b) => {
      if (typeof a === "number" && typeof b === "number") {
        return a === b ? 0 : a < b ? -1 : 1;
      }
      const anum = numeric.test(a);
      const bnum = numeric.test(b);
      if (anum && bnum) {
        a = +a;
        b = +b;
      }
      return a === b ? 0 : anum && !bnum ? -1 : bnum && !anum ? 1 : a < b ? -1 : 1;
    };
    var rcompareIdentifiers = (a, b) => compareIdentifiers(b, a);
    module.exports = {
      compareIdentifiers,
      rcompareIdentifiers
    };
  }
});

// node_modules/semver/classes/semver.js
var require_semver = __commonJS({
  "node_modules/semver/classes/semver.js"(exports, module) {
    "use strict";
    var debug = require_debug();
    var { MAX_LENGTH, MAX_SAFE_INTEGER } = require_constants();
    var { safeRe: re, t } = require_re();
    var parseOptions = require_parse_options();
    var { compareIdentifiers } = require_identifiers();
    var isPrereleaseIdentifier = (prerelease2, identifier) => {
      const identifiers = identifier.split(".");
      if (identifiers.length > prerelease2.length) {
        return false;
      }
      for (let i = 0; i < identifiers.length; i++) {
        if (compareIdentifiers(prerelease2[i], identifiers[i]) !== 0) {
          return false;
        }
      }
      return true;
    };
    var SemVer = class _SemVer {
      constructor(version, options) {
        options = parseOptions(options);
        if (version instanceof _SemVer) {
          if (version.loose === !!options.loose && version.includePrerelease === !!options.includePrerelease) {
            return version;
          } else {
            version = version.version;
          }
        } else if (typeof version !== "string") {
          throw new TypeError(`Invalid version. Must be a string. Got type "${typeof version}".`);
        }
        if (version.length > MAX_LENGTH) {
          throw new TypeError(
            `version is longer than ${MAX_LENGTH} characters`
          );
        }
        debug("SemVer", version, options);
        this.options = options;
        this.loose = !!options.loose;
        this.includePrerelease = !!options.includePrerelease;
        const m = version.trim().match(options.loose ? re[t.LOOSE] : re[t.FULL]);
        if (!m) {
          throw new TypeError(`Invalid Version: ${version}`);
        }
        this.raw = version;
        this.major = +m[1];
        this.minor = +m[2];
        this.patch = +m[3];
        if (this.major > MAX_SAFE_INTEGER || this.major < 0) {
          throw new TypeError("Invalid major version");
        }
        if (this.minor > MAX_SAFE_INTEGER || this.minor < 0) {
          throw new TypeError("Invalid minor version");
        }
        if (this.patch > MAX_SAFE_INTEGER || this.patch < 0) {
          throw new TypeError("Invalid patch version");
        }
        if (!m[4]) {
          this.prerelease = [];
        } else {
          this.prerelease = m[4].split(".").map((id) => {
            if (/^[0-9]+$/.test(id)) {
              const num = +id;
              if (num >= 0 && num < MAX_SAFE_INTEGER) {
                return num;
              }
            }
            return id;
          });
        }
        this.build = m[5] ? m[5].split(".") : [];
        this.format();
      }
      format() {
        this.version = `${this.major}.${this.minor}.${this.patch}`;
        if (this.prerelease.length) {
          this.version += `-${this.prerelease.join(".")}`;
        }
        return this.version;
      }
      toString() {
        return this.version;
      }
      compare(other) {
        debug("SemVer.compare", this.version, this.options, other);
        if (!(other instanceof _SemVer)) {
          if (typeof other === "string" && other === this.version) {
            return 0;
          }
          other = new _SemVer(other, this.options);
        }
        if (other.version === this.version) {
          return 0;
        }
        return this.compareMain(other) || this.comparePre(other);
      }
      compareMain(other) {
        if (!(other instanceof _SemVer)) {
          other = new _SemVer(other, this.options);
        }
        if (this.major < other.major) {
          return -1;
        }
        if (this.major > other.major) {
          return 1;
        }
        if (this.minor < other.minor) {
          return -1;
        }
        if (this.minor > other.minor) {
          return 1;
        }
        if (this.patch < other.patch) {
          return -1;
        }
        if (this.patch > other.patch) {
          return 1;
        }
        return 0;
      }
      comparePre(other) {
        if (!(other instanceof _SemVer)) {
          other = new _SemVer(other, this.options);
        }
        if (this.prerelease.length && !other.prerelease.length) {
          return -1;
        } else if (!this.prerelease.length && other.prerelease.length) {
          return 1;
        } else if (!this.prerelease.length && !other.prerelease.length) {
          return 0;
        }
        let i = 0;
        do {
          const a = this.prerelease[i];
          const b = other.prerelease[i];
          debug("prerelease compare", i, a, b);
          if (a === void 0 && b === void 0) {
            return 0;
          } else if (b === void 0) {
            return 1;
          } else if (a === void 0) {
            return -1;
          } else if (a === b) {
            continue;
          } else {
            return compareIdentifiers(a, b);
          }
        } while (++i);
      }
      compareBuild(other) {
        if (!(other instanceof _SemVer)) {
          other = new _SemVer(other, this.options);
        }
        let i = 0;
        do {
          const a = this.build[i];
          const b = other.build[i];
          debug("build compare", i, a, b);
          if (a === void 0 && b === void 0) {
            return 0;
          } else if (b === void 0) {
            return 1;
          } else if (a === void 0) {
            return -1;
          } else if (a === b) {
            continue;
          } else {
            return compareIdentifiers(a, b);
          }
        } while (++i);
      }
      // preminor will bump the version up to the next minor release, and immediately
      // down to pre-release. premajor and prepatch work the same way.
      inc(release, identifier, identifierBase) {
        if (release.startsWith("pre")) {
          if (!identifier && identifierBase === false) {
            throw new Error("invalid increment argument: identifier is empty");
          }
          if (identifier) {
            const match = `-${identifier}`.match(this.options.loose ? re[t.PRERELEASELOOSE] : re[t.PRERELEASE]);
            if (!match || match[1] !== identifier) {
              throw new Error(`invalid identifier: ${identifier}`);
            }
          }
        }
        switch (release) {
          case "premajor":
            this.prerelease.length = 0;
            this.patch = 0;
            this.minor = 0;
            this.major++;
            this.inc("pre", identifier, identifierBase);
            break;
          case "preminor":
            this.prerelease.length = 0;
            this.patch = 0;
            this.minor++;
            this.inc("pre", identifier, identifierBase);
            break;
          case "prepatch":
            this.prerelease.length = 0;
            this.inc("patch", identifier, identifierBase);
            this.inc("pre", identifier, identifierBase);
            break;
          // If the input is a non-prerelease version, this acts the same as
          // prepatch.
          case "prerelease":
            if (this.prerelease.length === 0) {
              this.inc("patch", identifier, identifierBase);
            }
            this.inc("pre", identifier, identifierBase);
            break;
          case "release":
            if (this.prerelease.length === 0) {
              throw new Error(`version ${this.raw} is not a prerelease`);
            }
            this.prerelease.length = 0;
            break;
          case "major":
            if (this.minor !== 0 || this.patch !== 0 || this.prerelease.length === 0) {
              this.major++;
            }
            this.minor = 0;
            this.patch = 0;
            this.prerelease = [];
            break;
          case "minor":
            if (this.patch !== 0 || this.prerelease.length === 0) {
              this.minor++;
            }
            this.patch = 0;
            this.prerelease = [];
            break;
          case "patch":
            if (this.prerelease.length === 0) {
              this.patch++;
            }
            this.prerelease = [];
            break;
          // This probably shouldn't be used publicly.
          // 1.0.0 'pre' would become 1.0.0-0 which is the wrong direction.
          case "pre": {
            const base = Number(identifierBase) ? 1 : 0;
            if (this.prerelease.length === 0) {
              this.prerelease = [base];
            } else {
              let i = this.prerelease.length;
              while (--i >= 0) {
                if (typeof this.prerelease[i] === "number") {
                  this.prerelease[i]++;
                  i = -2;
                }
              }
              if (i === -1) {
                if (identifier === this.prerelease.join(".") && identifierBase === false) {
                  throw new Error("invalid increment argument: identifier already exists");
                }
                this.prerelease.push(base);
              }
            }
            if (identifier) {
              let prerelease2 = [identifier, base];
              if (identifierBase === false) {
                prerelease2 = [identifier];
              }
              if (isPrereleaseIdentifier(this.prerelease, identifier)) {
                const prereleaseBase = this.prerelease[identifier.split(".").length];
                if (isNaN(prereleaseBase)) {
                  this.prerelease = prerelease2;
                }
              } else {
                this.prerelease = prerelease2;
              }
            }
            break;
          }
          default:
            throw new Error(`invalid increment argument: ${release}`);
        }
        this.raw = this.format();
        if (this.build.length) {
          this.raw += `+${this.build.join(".")}`;
        }
        return this;
      }
    };
    module.exports = SemVer;
  }
});

// node_modules/semver/functions/parse.js
var require_parse = __commonJS({
  "node_modules/semver/functions/parse.js"(exports, module) {
    "use strict";
    var SemVer = require_semver();
    var parse2 = (version, options, throwErrors = false) => {
      if (version instanceof SemVer) {
        return version;
      }
      try {
        return new SemVer(version, options);
      } catch (er) {
        if (!throwErrors) {
          return null;
        }
        throw er;
      }
    };
    module.exports = parse2;
  }
});

// node_modules/semver/functions/prerelease.js
var require_prerelease = __commonJS({
  "node_modules/semver/functions/prerelease.js"(exports, module) {
    "use strict";
    var parse2 = require_parse();
    var prerelease2 = (version, options) => {
      const parsed = parse2(version, options);
      return parsed && parsed.prerelease.length ? parsed.prerelease : null;
    };
    module.exports = prerelease2;
  }
});

// node_modules/semver/functions/valid.js
var require_valid = __commonJS({
  "node_modules/semver/functions/valid.js"(exports, module) {
    "use strict";
    var parse2 = require_parse();
    var valid2 = (version, options) => {
      const v = parse2(version, options);
      return v ? v.version : null;
    };
    module.exports = valid2;
  }
});

// src/io/gitlab-meta-main.ts
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

// src/tags/event-context.ts
var HEADS = "refs/heads/";
var TAGS = "refs/tags/";
var PULLS = "refs/pull/";
function getBranchName(ref) {
  return ref.startsWith(HEADS) ? ref.slice(HEADS.length) : void 0;
}
function getTagName(ref) {
  return ref.startsWith(TAGS) ? ref.slice(TAGS.length) : void 0;
}
function getPullRequestRef(ref) {
  return ref.startsWith(PULLS) ? ref.slice(PULLS.length).replace(/\/merge$/, "") : void 0;
}

// src/tags/moment-format.ts
var FORMATTING_TOKENS = /(\[[^[]*\])|(\\)?([Hh]mm(ss)?|Mo|MM?M?M?|Do|DDDo|DD?D?D?|ddd?d?|do?|w[o|w]?|W[o|W]?|Qo?|N{1,5}|YYYYYY|YYYYY|YYYY|YY|y{2,4}|yo?|gg(ggg?)?|GG(GGG?)?|e|E|a|A|hh?|HH?|kk?|mm?|ss?|S{1,9}|x|X|zz?|ZZ?|.)/g;
var LOCAL_FORMATTING_TOKENS = /(\[[^[]*\])|(\\)?(LTS|LT|LL?L?L?|l{1,4})/g;
var LONG_DATE_FORMATS = {
  LTS: "h:mm:ss A",
  LT: "h:mm A",
  L: "MM/DD/YYYY",
  LL: "MMMM D, YYYY",
  LLL: "MMMM D, YYYY h:mm A",
  LLLL: "dddd, MMMM D, YYYY h:mm A"
};
var MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December"
];
var WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
var DEFAULT_FORMAT = "YYYY-MM-DDTHH:mm:ssZ";
var DEFAULT_FORMAT_UTC = "YYYY-MM-DDTHH:mm:ss[Z]";
function zeroFill(value2, length, forceSign = false) {
  const digits = String(Math.abs(value2));
  const sign = value2 >= 0 ? forceSign ? "+" : "" : "-";
  return sign + "0".repeat(Math.max(0, length - digits.length)) + digits;
}
function ordinal(n) {
  const b = n % 10;
  const suffix = Math.trunc(n % 100 / 10) === 1 ? "th" : b === 1 ? "st" : b === 2 ? "nd" : b === 3 ? "rd" : "th";
  return `${n}${suffix}`;
}
function isLeapYear(year) {
  return year % 4 === 0 && year % 100 !== 0 || year % 400 === 0;
}
function dayOfYear(w) {
  return Math.round((Date.UTC(w.year, w.month, w.date) - Date.UTC(w.year, 0, 1)) / 864e5) + 1;
}
function firstWeekOffset(year, dow, doy) {
  const fwd = 7 + dow - doy;
  const fwdlw = (7 + new Date(Date.UTC(year, 0, fwd)).getUTCDay() - dow) % 7;
  return -fwdlw + fwd - 1;
}
function weeksInYear(year, dow, doy) {
  return ((isLeapYear(year) ? 366 : 365) - firstWeekOffset(year, dow, doy) + firstWeekOffset(year + 1, dow, doy)) / 7;
}
function weekOfYear(w, dow, doy) {
  const week = Math.floor((dayOfYear(w) - firstWeekOffset(w.year, dow, doy) - 1) / 7) + 1;
  if (week < 1) return { week: week + weeksInYear(w.year - 1, dow, doy), year: w.year - 1 };
  if (week > weeksInYear(w.year, dow, doy)) return { week: week - weeksInYear(w.year, dow, doy), year: w.year + 1 };
  return { week, year: w.year };
}
var locale = (w) => weekOfYear(w, 0, 6);
var iso = (w) => weekOfYear(w, 1, 4);
var hour12 = (w) => w.hours % 12 || 12;
var zoneOffset = (separator) => (w) => {
  const sign = w.offset < 0 ? "-" : "+";
  const abs = Math.abs(w.offset);
  return sign + zeroFill(Math.trunc(abs / 60), 2) + separator + zeroFill(Math.trunc(abs) % 60, 2);
};
var TOKENS = {
  M: (w) => String(w.month + 1),
  MM: (w) => zeroFill(w.month + 1, 2),
  Mo: (w) => ordinal(w.month + 1),
  MMM: (w) => MONTHS[w.month].slice(0, 3),
  MMMM: (w) => MONTHS[w.month],
  Q: (w) => String(Math.ceil((w.month + 1) / 3)),
  Qo: (w) => ordinal(Math.ceil((w.month + 1) / 3)),
  D: (w) => String(w.date),
  DD: (w) => zeroFill(w.date, 2),
  Do: (w) => ordinal(w.date),
  DDD: (w) => String(dayOfYear(w)),
  DDDD: (w) => zeroFill(dayOfYear(w), 3),
  DDDo: (w) => ordinal(dayOfYear(w)),
  d: (w) => String(w.day),
  do: (w) => ordinal(w.day),
  dd: (w) => WEEKDAYS[w.day].slice(0, 2),
  ddd: (w) => WEEKDAYS[w.day].slice(0, 3),
  dddd: (w) => WEEKDAYS[w.day],
  // English weeks start on Sunday, so the locale weekday is the day of the week.
  e: (w) => String(w.day),
  E: (w) => String(w.day || 7),
  w: (w) => String(locale(w).week),
  ww: (w) => zeroFill(locale(w).week, 2),
  wo: (w) => ordinal(locale(w).week),
  W: (w) => String(iso(w).week),
  WW: (w) => zeroFill(iso(w).week, 2),
  Wo: (w) => ordinal(iso(w).week),
  gg: (w) => zeroFill(locale(w).year % 100, 2),
  gggg: (w) => zeroFill(locale(w).year, 4),
  ggggg: (w) => zeroFill(locale(w).year, 5),
  GG: (w) => zeroFill(iso(w).year % 100, 2),
  GGGG: (w) => zeroFill(iso(w).year, 4),
  GGGGG: (w) => zeroFill(iso(w).year, 5),
  Y: (w) => w.year <= 9999 ? zeroFill(w.year, 4) : `+${w.year}`,
  YY: (w) => zeroFill(w.year % 100, 2),
  YYYY: (w) => zeroFill(w.year, 4),
  YYYYY: (w) => zeroFill(w.year, 5),
  YYYYYY: (w) => zeroFill(w.year, 6, true),
  // Eras (moment src/lib/units/era.js): every supported date is in the English locale's "AD" era, whose era year
  // is the calendar year.
  N: () => "AD",
  NN: () => "AD",
  NNN: () => "AD",
  NNNN: () => "Anno Domini",
  NNNNN: () => "AD",
  y: (w) => String(w.year),
  yy: (w) => zeroFill(w.year, 2),
  yyy: (w) => zeroFill(w.year, 3),
  yyyy: (w) => zeroFill(w.year, 4),
  yo: (w) => ordinal(w.year),
  a: (w) => w.hours > 11 ? "pm" : "am",
  A: (w) => w.hours > 11 ? "PM" : "AM",
  H: (w) => String(w.hours),
  HH: (w) => zeroFill(w.hours, 2),
  h: (w) => String(hour12(w)),
  hh: (w) => zeroFill(hour12(w), 2),
  k: (w) => String(w.hours || 24),
  kk: (w) => zeroFill(w.hours || 24, 2),
  hmm: (w) => `${hour12(w)}${zeroFill(w.minutes, 2)}`,
  hmmss: (w) => `${hour12(w)}${zeroFill(w.minutes, 2)}${zeroFill(w.seconds, 2)}`,
  Hmm: (w) => `${w.hours}${zeroFill(w.minutes, 2)}`,
  Hmmss: (w) => `${w.hours}${zeroFill(w.minutes, 2)}${zeroFill(w.seconds, 2)}`,
  m: (w) => String(w.minutes),
  mm: (w) => zeroFill(w.minutes, 2),
  s: (w) => String(w.seconds),
  ss: (w) => zeroFill(w.seconds, 2),
  S: (w) => String(Math.trunc(w.milliseconds / 100)),
  SS: (w) => zeroFill(Math.trunc(w.milliseconds / 10), 2),
  SSS: (w) => zeroFill(w.milliseconds, 3),
  Z: zoneOffset(":"),
  ZZ: zoneOffset(""),
  X: (w) => String(Math.floor(w.epoch / 1e3)),
  x: (w) => String(w.epoch)
};
for (let n = 4; n <= 9; n += 1) TOKENS["S".repeat(n)] = (w) => zeroFill(w.milliseconds * 10 ** (n - 3), n);
var formatters = /* @__PURE__ */ new Map();
function formatterFor(timeZone) {
  let formatter = formatters.get(timeZone);
  if (formatter === void 0) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric"
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}
function isKnownTimeZone(timeZone) {
  if (!/^[A-Za-z]/.test(timeZone)) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}
function readWallClock(date, timeZone) {
  const epoch = date.getTime();
  const parts = {};
  for (const part of formatterFor(timeZone).formatToParts(date))
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  const milliseconds = (epoch % 1e3 + 1e3) % 1e3;
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second, milliseconds);
  const offset = (wall - epoch) / 6e4;
  const local = new Date(wall);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth(),
    date: local.getUTCDate(),
    day: local.getUTCDay(),
    hours: local.getUTCHours(),
    minutes: local.getUTCMinutes(),
    seconds: local.getUTCSeconds(),
    milliseconds,
    offset,
    epoch
  };
}
function expandLongFormats(format) {
  const longFormat = (token) => {
    const upper = LONG_DATE_FORMATS[token.toUpperCase()];
    if (upper === void 0 || token === token.toUpperCase()) return upper;
    return (upper.match(FORMATTING_TOKENS) ?? []).map((t) => ["MMMM", "MM", "DD", "dddd"].includes(t) ? t.slice(1) : t).join("");
  };
  let expanded = format;
  for (let round = 0; round < 6 && new RegExp(LOCAL_FORMATTING_TOKENS.source).test(expanded); round += 1) {
    expanded = expanded.replace(LOCAL_FORMATTING_TOKENS, (match) => longFormat(match) ?? match);
  }
  return expanded;
}
function formatMoment(date, format, timeZone) {
  const wall = readWallClock(date, timeZone);
  const source = expandLongFormats(format || (wall.offset === 0 ? DEFAULT_FORMAT_UTC : DEFAULT_FORMAT));
  let out = "";
  for (const token of source.match(FORMATTING_TOKENS) ?? []) {
    const render = TOKENS[token];
    if (render !== void 0) out += render(wall);
    else if (token === "z" || token === "zz") {
      throw new Error(
        `the moment token "${token}" (zone abbreviation) is not supported; use Z or ZZ for the UTC offset`
      );
    } else out += /^\[[\s\S]/.test(token) ? token.replace(/^\[|\]$/g, "") : token.replace(/\\/g, "");
  }
  return out;
}

// src/tags/template.ts
var TemplateSyntaxError = class extends Error {
};
var UnknownExpressionError = class extends Error {
  constructor(expression) {
    super(`unknown expression "${expression}"`);
    this.expression = expression;
  }
};
var ID = /^[^\s!"#%-,./;->@[-^`{-~]+/;
var LITERAL = /^(-?[0-9]+(?:\.[0-9]+)?|true|false|null|undefined)(?=[~}\s)])/;
function parseTemplate(template) {
  const nodes = [];
  let pos = 0;
  while (pos < template.length) {
    const open = template.indexOf("{{", pos);
    if (open < 0) {
      nodes.push({ kind: "text", text: template.slice(pos) });
      break;
    }
    let text = template.slice(pos, open);
    if (text.endsWith("\\") && !text.endsWith("\\\\")) {
      const next = template.indexOf("{{", open + 2);
      let end = next < 0 ? template.length : next;
      if (next >= 0 && template[next - 1] === "\\") end = next - (template[next - 2] === "\\" ? 2 : 1);
      nodes.push({ kind: "text", text: text.slice(0, -1) + template.slice(open, Math.max(end, open + 2)) });
      pos = Math.max(end, open + 2);
      continue;
    }
    if (text.endsWith("\\\\")) text = text.slice(0, -1);
    if (text !== "") nodes.push({ kind: "text", text });
    pos = parseMustache(template, open, nodes);
  }
  return nodes;
}
function fail(message, column) {
  throw new TemplateSyntaxError(`${message} at column ${column + 1}`);
}
function parseMustache(template, open, nodes) {
  let pos = open + 2;
  const stripLeft = template[pos] === "~";
  if (stripLeft) pos += 1;
  const sigil = template[pos];
  if (sigil === "!") {
    const long = template.startsWith("!--", pos);
    const close = long ? /--(~?)\}\}/g : /(~?)\}\}/g;
    close.lastIndex = pos;
    const found = close.exec(template);
    if (!found) fail("unclosed comment", open);
    nodes.push({ kind: "comment", stripLeft, stripRight: found[1] === "~" });
    return found.index + found[0].length;
  }
  if (sigil !== void 0 && "#/^>*".includes(sigil))
    fail(`"{{${sigil}" (blocks, partials, decorators) is not supported in a tag line`, open);
  const triple = sigil === "{";
  if (triple || sigil === "&") pos += 1;
  const values = [];
  for (; ; ) {
    while (/\s/.test(template[pos] ?? "")) pos += 1;
    const rest = template.slice(pos);
    const close = /^(~?)\}\}(\}?)/.exec(rest);
    if (close) {
      if (triple !== (close[2] === "}")) fail(triple ? 'expected "}}}"' : 'unexpected "}"', pos);
      const [head, ...args] = values;
      if (head === void 0) fail("empty mustache", open);
      if (head.kind !== "path") fail("a mustache must start with an expression name", open);
      const firstHash = args.findIndex((a) => a.kind === "hash");
      const params = firstHash < 0 ? args : args.slice(0, firstHash);
      const hash = firstHash < 0 ? [] : args.slice(firstHash);
      if (hash.some((h) => h.kind !== "hash")) fail("positional arguments must come before key=value arguments", open);
      nodes.push({
        kind: "mustache",
        path: head,
        params,
        hash: hash.map((h) => [h.key, h.value]),
        stripLeft,
        stripRight: close[1] === "~"
      });
      return pos + close[0].length;
    }
    if (rest === "") fail('unclosed "{{"', open);
    const key = /^([^\s!"#%-,./;->@[-^`{-~]+)\s*=/.exec(rest);
    if (key) {
      pos += key[0].length;
      while (/\s/.test(template[pos] ?? "")) pos += 1;
      const [value3, next2] = parseValue(template, pos);
      values.push({ kind: "hash", key: key[1], value: value3 });
      pos = next2;
      continue;
    }
    const [value2, next] = parseValue(template, pos);
    values.push(value2);
    pos = next;
  }
}
function parseValue(template, pos) {
  const rest = template.slice(pos);
  const quote = rest[0];
  if (quote === '"' || quote === "'") {
    const found = (quote === '"' ? /^"((?:\\"|[^"])*)"/ : /^'((?:\\'|[^'])*)'/).exec(rest);
    if (!found) fail("unterminated string", pos);
    return [{ kind: "literal", value: found[1].replaceAll(`\\${quote}`, quote) }, pos + found[0].length];
  }
  const literal = LITERAL.exec(rest);
  if (literal) {
    const word = literal[1];
    const value2 = word === "true" ? true : word === "false" ? false : word === "null" ? null : word === "undefined" ? void 0 : Number(word);
    return [{ kind: "literal", value: value2 }, pos + word.length];
  }
  if (rest[0] === "(") fail('sub-expressions "(…)" are not supported in a tag line', pos);
  if (rest[0] === "@") fail('"@" data variables are not supported in a tag line', pos);
  const parts = [];
  let at = 0;
  for (; ; ) {
    const tail = rest.slice(at);
    if (tail.startsWith("..")) fail('"../" paths are not supported in a tag line', pos + at);
    if (at > 0 && LITERAL.test(tail))
      fail(`unexpected "${tail[0]}" (a path segment cannot be a number or literal; write [${tail[0]}…])`, pos + at);
    const dot = /^\.(?=[=~}\s/.)|])/.exec(tail);
    const segment = dot ?? (tail[0] === "[" ? /^\[((?:\\\]|[^\]])*)\]/.exec(tail) : ID.exec(tail));
    if (!segment) fail(`unexpected "${tail[0] ?? ""}"`, pos + at);
    const literal2 = tail[0] === "[";
    const name = literal2 ? segment[1].replaceAll("\\]", "]") : segment[0];
    if (!literal2 && (name === "this" || name === ".")) {
      if (parts.length > 0) fail(`invalid path segment "${name}"`, pos + at);
    } else parts.push(name);
    at += segment[0].length;
    if (rest[at] !== "." && rest[at] !== "/") break;
    at += 1;
  }
  return [{ kind: "path", original: rest.slice(0, at), parts }, pos + at];
}
function applyWhitespaceControl(nodes) {
  const original = nodes.map((n) => n.kind === "text" ? n.text : void 0);
  const texts = [...original];
  const isPrevWhitespace = (i) => {
    if (i === 0) return true;
    const prev = original[i - 1];
    if (prev === void 0) return false;
    return (i > 1 ? /\r?\n\s*?$/ : /(^|\r?\n)\s*?$/).test(prev);
  };
  const isNextWhitespace = (i) => {
    if (i === nodes.length - 1) return true;
    const next = original[i + 1];
    if (next === void 0) return false;
    return (i < nodes.length - 2 ? /^\s*?\r?\n/ : /^\s*?(\r?\n|$)/).test(next);
  };
  const flags = { right: /* @__PURE__ */ new Map(), left: /* @__PURE__ */ new Map() };
  const omit = (side, at, pattern, multiple) => {
    const text = texts[at];
    if (text === void 0 || !multiple && flags[side].get(at)) return;
    texts[at] = text.replace(pattern, "");
    flags[side].set(at, texts[at] !== text);
  };
  nodes.forEach((node, i) => {
    if (node.kind === "text") return;
    if (node.stripRight) omit("right", i + 1, /^\s+/, true);
    if (node.stripLeft) omit("left", i - 1, /\s+$/, true);
    if (node.kind === "comment" && isPrevWhitespace(i) && isNextWhitespace(i)) {
      omit("right", i + 1, /^[ \t]*\r?\n?/, false);
      omit("left", i - 1, /[ \t]+$/, false);
    }
  });
  return texts.map((t) => t ?? "");
}
function lookupPath(data, parts, original, strict) {
  let value2 = data;
  for (const [i, part] of parts.entries()) {
    if (typeof value2 !== "object" || value2 === null || !(part in value2)) {
      if (strict || i < parts.length - 1) throw new UnknownExpressionError(original);
      return void 0;
    }
    value2 = Object.hasOwn(value2, part) ? value2[part] : void 0;
  }
  return value2;
}
function evaluate(value2, data) {
  return value2.kind === "literal" ? value2.value : lookupPath(data, value2.parts, value2.original, false);
}
function renderTemplate(nodes, data, helpers) {
  const texts = applyWhitespaceControl(nodes);
  let out = "";
  nodes.forEach((node, i) => {
    if (node.kind !== "mustache") {
      out += texts[i];
      return;
    }
    const { path, params, hash } = node;
    const scoped = /^(\.|this\b)/.test(path.original);
    const helper = !scoped && path.parts.length === 1 && Object.hasOwn(helpers, path.parts[0]) ? helpers[path.parts[0]] : void 0;
    let result;
    if (helper !== void 0) {
      result = helper(
        params.map((p) => evaluate(p, data)),
        Object.fromEntries(hash.map(([key, value2]) => [key, evaluate(value2, data)]))
      );
    } else {
      if (params.length > 0 || hash.length > 0) {
        if (!scoped && path.parts.length === 1 && !Object.hasOwn(data, path.parts[0]))
          throw new UnknownExpressionError(path.original);
        throw new TemplateSyntaxError(`"${path.original}" is not a helper and takes no arguments`);
      }
      result = lookupPath(data, path.parts, path.original, true);
    }
    if (result !== null && result !== void 0) out += String(result);
  });
  return out;
}

// src/tags/expressions.ts
var GLOBAL_EXPRESSIONS = [
  "branch",
  "tag",
  "sha",
  "base_ref",
  "is_default_branch",
  "is_not_default_branch",
  "date",
  "commit_date"
];
var DEFAULT_SHORT_SHA_LENGTH = 7;
var parsedTemplates = /* @__PURE__ */ new Map();
function createTemplateRenderer(env) {
  const { context, clock } = env;
  const commitDate = parseCommitDate(context.commitDate) ?? clock;
  const shaLength = env.shortShaLength ?? DEFAULT_SHORT_SHA_LENGTH;
  const helpers = {
    branch: () => getBranchName(context.ref) ?? "",
    tag: () => getTagName(context.ref) ?? "",
    sha: () => shortenSha(context.sha, shaLength),
    base_ref: () => getTagName(context.ref) !== void 0 || getPullRequestRef(context.ref) !== void 0 ? context.baseRef ?? "" : "",
    is_default_branch: () => String(isDefaultBranch(context)),
    is_not_default_branch: () => String(!isDefaultBranch(context)),
    date: (params, hash) => renderDateHelper("date", clock, params, hash),
    commit_date: (params, hash) => renderDateHelper("commit_date", commitDate, params, hash)
  };
  const render = (template, data) => {
    if (!template.includes("{{")) return template;
    try {
      let parsed = parsedTemplates.get(template);
      if (parsed === void 0) {
        parsed = parseTemplate(template);
        parsedTemplates.set(template, parsed);
      }
      return renderTemplate(parsed, data, helpers);
    } catch (error) {
      throw new Error(describeTemplateError(template, error, Object.keys(data)));
    }
  };
  return {
    renderGlobal: (template) => render(template, {}),
    renderPattern: (template, data) => render(template, data)
  };
}
function describeTemplateError(template, error, dataKeys) {
  if (error instanceof UnknownExpressionError) {
    const known = [...dataKeys, ...GLOBAL_EXPRESSIONS].join(", ");
    return `template "${template}" uses unknown expression "${error.expression}" (known: ${known})`;
  }
  return `template "${template}" cannot be rendered: ${error.message}`;
}
function isDefaultBranch(context) {
  const branch = context.ref.replace(/^refs\/heads\//, "");
  if (branch === "") return false;
  if (context.defaultBranch !== void 0 && context.defaultBranch === branch) return true;
  return ["create", "discussion", "issues", "schedule"].some((name) => context.eventName.includes(name));
}
function shortenSha(sha, length = DEFAULT_SHORT_SHA_LENGTH) {
  return length >= sha.length ? sha : sha.slice(0, length);
}
function formatDate(date, format, timeZone = "UTC") {
  if (!isKnownTimeZone(timeZone)) {
    throw new Error(`unknown time zone "${timeZone}" (expected an IANA name such as UTC or Europe/Paris)`);
  }
  return formatMoment(date, format, timeZone);
}
function renderDateHelper(name, date, params, hash) {
  const [format] = params;
  if (typeof format !== "string" && format !== void 0 || params.length !== 1) {
    throw new Error(`{{${name}}} takes one quoted moment format, as in {{${name} 'YYYYMMDD'}}`);
  }
  let timeZone = "UTC";
  for (const [key, value2] of Object.entries(hash)) {
    if (key !== "tz") throw new Error(`{{${name}}} has no "${key}" attribute (only tz='Zone')`);
    timeZone = String(value2);
  }
  return formatDate(date, format, timeZone);
}
function parseCommitDate(iso2) {
  if (iso2 === void 0 || iso2 === "") return void 0;
  const date = new Date(iso2);
  if (Number.isNaN(date.getTime())) throw new Error(`commit date "${iso2}" is not an ISO 8601 timestamp`);
  return date;
}
function isRawStatement(pattern) {
  const paths = [...listTemplatePaths(pattern, true)];
  return paths.length === 1 && paths[0] === "raw";
}
function listTemplatePaths(template, onlyIfSingle = false) {
  const names = /* @__PURE__ */ new Set();
  let nodes;
  try {
    nodes = parseTemplate(template);
  } catch {
    return names;
  }
  if (onlyIfSingle && nodes.length !== 1) return names;
  for (const node of nodes) {
    if (node.kind !== "mustache") {
      if (onlyIfSingle) return names;
      continue;
    }
    names.add(node.path.original);
  }
  return names;
}

// src/tags/csv-fields.ts
var CsvSyntaxError = class extends Error {
};
var isTrimable = (c) => c === "\r" || c === "\n" || c === "\f" || c === " " || c === "	";
var RECORD_DELIMITERS = ["\r\n", "\n", "\r"];
function parseCsvRecords(text, trim = false) {
  const records = [];
  let record = [];
  let field = "";
  let quoting = false;
  let wasQuoting = false;
  let line = 1;
  let recordDelimiter;
  const recordDelimiterAt = (at) => {
    if (recordDelimiter !== void 0) return text.startsWith(recordDelimiter, at) ? recordDelimiter.length : 0;
    recordDelimiter = RECORD_DELIMITERS.find((d) => text.startsWith(d, at));
    return recordDelimiter?.length ?? 0;
  };
  const endField = () => {
    record.push(trim && !wasQuoting ? field.trimEnd() : field);
    field = "";
    wasQuoting = false;
  };
  for (let pos = 0; pos < text.length; pos += 1) {
    const c = text[pos];
    if (quoting && c === '"' && text[pos + 1] === '"' && pos + 1 < text.length) {
      field += '"';
      pos += 1;
      continue;
    }
    if (c === '"') {
      if (quoting) {
        const next = text[pos + 1];
        if (next === void 0 || next === "," || recordDelimiterAt(pos + 1) > 0 || trim && isTrimable(next)) {
          quoting = false;
          wasQuoting = true;
          continue;
        }
        throw new CsvSyntaxError(
          `Invalid Closing Quote: got "${next}" at line ${line} instead of delimiter, record delimiter, trimable character (if activated) or comment`
        );
      }
      if (field.length !== 0) {
        throw new CsvSyntaxError(
          `Invalid Opening Quote: a quote is found on field ${record.length} at line ${line}, value is ${JSON.stringify(field)}`
        );
      }
      quoting = true;
      continue;
    }
    if (!quoting) {
      const delimiterLength = recordDelimiterAt(pos);
      if (delimiterLength > 0) {
        if (!(!wasQuoting && record.length === 0 && field.length === 0)) {
          endField();
          records.push(record);
          record = [];
        }
        line += 1;
        pos += delimiterLength - 1;
        continue;
      }
      if (c === ",") {
        endField();
        continue;
      }
    }
    const leftAppend = !trim || quoting || field.length !== 0 || !isTrimable(c);
    const rightAppend = !trim || !wasQuoting;
    if (leftAppend && rightAppend) field += c;
    else if (!isTrimable(c))
      throw new CsvSyntaxError(`Invalid Closing Quote: found non trimable byte after quote at line ${line}`);
  }
  if (quoting)
    throw new CsvSyntaxError(`Quote Not Closed: the parsing is finished with an opening quote at line ${line}`);
  if (wasQuoting || record.length !== 0 || field.length !== 0) {
    endField();
    records.push(record);
  }
  return records;
}

// src/tags/input-lines.ts
function selectInputLines(lines) {
  return lines.map((line) => typeof line === "string" ? line.trim() : line).filter((line) => typeof line !== "string" || line !== "" && !line.startsWith("#"));
}
function splitCsvFields(line) {
  return parseCsvRecords(line).flat().map((field) => field.trim());
}
function splitKeyValue(field) {
  const eq = field.indexOf("=");
  if (eq < 0) return void 0;
  return { key: field.slice(0, eq).trim().toLowerCase(), value: field.slice(eq + 1).trim() };
}

// src/tags/meta-error.ts
var MetaInputError = class extends Error {
  constructor(input, line, detail, options) {
    super(line === "" ? `${input}: ${detail}` : `${input} line "${line}": ${detail}`, options);
    this.input = input;
    this.line = line;
    this.detail = detail;
    this.name = "MetaInputError";
  }
};
function withInputContext(input, line, fn) {
  try {
    return fn();
  } catch (error) {
    if (error instanceof MetaInputError) {
      if (error.line !== "" || line === "") throw error;
      throw new MetaInputError(input, line, error.detail, { cause: error });
    }
    throw new MetaInputError(input, line, error.message, { cause: error });
  }
}

// src/tags/flavor.ts
var LATEST_MODES = ["auto", "true", "false"];
var DEFAULT_FLAVOR = {
  latest: "auto",
  prefix: "",
  prefixLatest: false,
  suffix: "",
  suffixLatest: false
};
function parseFlavor(lines) {
  let flavor = DEFAULT_FLAVOR;
  for (const line of selectInputLines(lines)) {
    flavor = withInputContext("flavor", line, () => applyFlavorLine(flavor, line));
  }
  return flavor;
}
function applyFlavorLine(start, line) {
  const flavor = { ...start };
  let onLatestFor;
  for (const field of splitCsvFields(line)) {
    const entry = splitKeyValue(field);
    if (entry === void 0) {
      throw new MetaInputError(
        "flavor",
        line,
        `entry "${field}" is not key=value (expected latest=, prefix=, suffix= or onlatest=)`
      );
    }
    const { key, value: value2 } = entry;
    switch (key) {
      case "latest":
        if (!LATEST_MODES.includes(value2)) {
          throw new MetaInputError("flavor", line, `latest="${value2}" is not one of ${LATEST_MODES.join(", ")}`);
        }
        flavor.latest = value2;
        break;
      case "prefix":
      case "suffix":
        flavor[key] = value2;
        onLatestFor = key;
        break;
      case "onlatest":
        if (value2 !== "true" && value2 !== "false") {
          throw new MetaInputError("flavor", line, `onlatest="${value2}" is not true or false`);
        }
        if (onLatestFor === void 0) {
          throw new MetaInputError("flavor", line, "onlatest must follow a prefix= or suffix= entry on the same line");
        }
        flavor[onLatestFor === "prefix" ? "prefixLatest" : "suffixLatest"] = value2 === "true";
        break;
      default:
        throw new MetaInputError(
          "flavor",
          line,
          `unknown flavor entry "${key}" (expected latest, prefix, suffix or onlatest)`
        );
    }
  }
  return flavor;
}

// src/tags/images.ts
function parseImages(lines) {
  const selected = selectInputLines(lines);
  if (selected.length === 1) {
    const line = selected[0];
    const fields = withInputContext("images", line, () => splitCsvFields(line));
    if (fields.every((field) => !field.includes("="))) {
      return fields.map((name) => {
        if (name === "") throw new MetaInputError("images", line, "empty image name in the list");
        return { name, enable: true };
      });
    }
  }
  return selected.map((line) => withInputContext("images", line, () => parseImageLine(line)));
}
function parseImageLine(line) {
  let name = "";
  let enable = true;
  for (const field of splitCsvFields(line)) {
    const entry = splitKeyValue(field);
    if (entry === void 0) {
      name = field;
      continue;
    }
    switch (entry.key) {
      case "name":
        name = entry.value;
        break;
      case "enable":
        if (entry.value !== "true" && entry.value !== "false") {
          throw new MetaInputError("images", line, `enable="${entry.value}" is not true or false`);
        }
        enable = entry.value === "true";
        break;
      default:
        throw new MetaInputError("images", line, `unknown image attribute "${entry.key}" (expected name or enable)`);
    }
  }
  if (name === "") throw new MetaInputError("images", line, "image name is empty");
  return { name, enable };
}
function selectImageNames(images) {
  return images.filter((image) => image.enable).map((image) => image.name.toLowerCase());
}

// src/tags/labels.ts
var DEFAULT_ANNOTATION_LEVELS = ["manifest"];
var ANNOTATION_LEVEL_PATTERN = /^(manifest|index|manifest-descriptor|index-descriptor)(\[[^\]]+\])?$/;
function listOciLabels(context, version, clock) {
  const { repo } = context;
  return [
    `org.opencontainers.image.title=${repo.name}`,
    `org.opencontainers.image.description=${repo.description}`,
    `org.opencontainers.image.url=${repo.url}`,
    `org.opencontainers.image.source=${repo.url}`,
    `org.opencontainers.image.version=${version ?? ""}`,
    `org.opencontainers.image.created=${clock.toISOString()}`,
    `org.opencontainers.image.revision=${context.sha}`,
    `org.opencontainers.image.licenses=${repo.license}`
  ];
}
function mergeKeyValues(entries) {
  const byKey = /* @__PURE__ */ new Map();
  const dropped = [];
  for (const entry of entries) {
    const eq = entry.indexOf("=");
    if (eq < 0) {
      dropped.push(entry);
      continue;
    }
    byKey.set(entry.slice(0, eq), entry.slice(eq + 1));
  }
  const merged = [...byKey].sort(([a], [b]) => a.localeCompare(b, "en")).map(([key, value2]) => `${key}=${value2}`);
  return { merged, dropped };
}
function convertLabelsToObject(labels) {
  const result = {};
  for (const label of labels) {
    const eq = label.indexOf("=");
    if (eq >= 0) result[label.slice(0, eq)] = label.slice(eq + 1);
  }
  return result;
}
function applyAnnotationLevels(annotations, levels) {
  return levels.flatMap((level) => annotations.map((annotation) => `${level}:${annotation}`));
}

// src/tags/oci-tag.ts
var OCI_TAG_MAX_LENGTH = 128;
function sanitizeTag(value2) {
  return value2.replace(/[^a-zA-Z0-9._-]+/g, "-");
}
function fixOciTag(value2) {
  const changes = [];
  const sanitized = sanitizeTag(value2);
  if (sanitized !== value2) changes.push(`"${value2}" has characters a tag cannot hold; published as "${sanitized}"`);
  let tag = sanitized.replace(/^[.-]+/, "");
  if (tag === "") {
    changes.push(`"${value2}" has no character a tag can start with; dropped`);
    return { tag: void 0, changes };
  }
  if (tag !== sanitized) changes.push(`"${sanitized}" starts with "." or "-"; published as "${tag}"`);
  if (tag.length > OCI_TAG_MAX_LENGTH) {
    const cut = tag.slice(0, OCI_TAG_MAX_LENGTH);
    changes.push(`"${tag}" is ${tag.length} characters long; cut to the first ${OCI_TAG_MAX_LENGTH}: "${cut}"`);
    tag = cut;
  }
  return { tag, changes };
}

// src/tags/tag-rule.ts
var TAG_TYPES = ["schedule", "semver", "pep440", "match", "edge", "ref", "raw", "sha"];
var REF_EVENTS = ["branch", "tag", "pr"];
var SHA_FORMATS = ["short", "long"];
var DEFAULT_TAG_PRIORITIES = {
  schedule: 1e3,
  semver: 900,
  pep440: 900,
  match: 800,
  edge: 700,
  ref: 600,
  raw: 200,
  sha: 100
};
var TAG_TYPE_ATTRIBUTES = {
  schedule: ["pattern"],
  semver: ["pattern", "value", "match"],
  pep440: ["pattern", "value", "match"],
  match: ["pattern", "group", "value"],
  edge: ["branch"],
  ref: ["event"],
  raw: ["value"],
  sha: ["format"]
};
var COMMON_TAG_ATTRIBUTES = ["type", "enable", "priority", "prefix", "suffix"];
var REQUIRED_TAG_ATTRIBUTES = {
  semver: ["pattern"],
  pep440: ["pattern"],
  match: ["pattern"],
  ref: ["event"],
  raw: ["value"]
};
var TagRuleError = class extends Error {
  constructor(message, expected) {
    super(message);
    this.expected = expected;
    this.name = "TagRuleError";
  }
};
function parseTagLine(line) {
  const trimmed = line.trim();
  if (trimmed === "") {
    throw new TagRuleError("empty tag line", 'a line such as "type=ref,event=branch"');
  }
  let fields;
  try {
    fields = parseCsvRecords(trimmed, true).flat();
  } catch (error) {
    throw new TagRuleError(
      `cannot split tag line into fields: ${error.message}`,
      "comma-separated key=value fields"
    );
  }
  const attrs = {};
  for (const field of fields) {
    const eq = field.indexOf("=");
    const key = eq < 0 ? "value" : field.slice(0, eq).trim().toLowerCase();
    if (key in attrs) {
      throw new TagRuleError(`attribute "${key}" is given twice`, "each attribute at most once");
    }
    attrs[key] = (eq < 0 ? field : field.slice(eq + 1)).trim();
  }
  const type = attrs.type ?? "raw";
  delete attrs.type;
  const { enable, priority, prefix, suffix, ...rest } = attrs;
  return validateTagRule({
    type,
    attributes: rest,
    ...enable !== void 0 ? { enable } : {},
    ...priority !== void 0 ? { priority: parsePriority(priority) } : {},
    ...prefix !== void 0 ? { prefix } : {},
    ...suffix !== void 0 ? { suffix } : {}
  });
}
function parsePriority(raw) {
  if (!/^-?\d+$/.test(raw)) {
    throw new TagRuleError(`priority "${raw}" is not an integer`, "an integer such as 200");
  }
  return Number(raw);
}
function validateTagRule(rule) {
  if (!TAG_TYPES.includes(rule.type)) {
    throw new TagRuleError(`unknown tag type "${rule.type}"`, `one of ${TAG_TYPES.join(", ")}`);
  }
  const allowed = TAG_TYPE_ATTRIBUTES[rule.type];
  for (const key of Object.keys(rule.attributes)) {
    if (!allowed.includes(key)) {
      const all = [...allowed, ...COMMON_TAG_ATTRIBUTES.filter((a) => a !== "type")];
      throw new TagRuleError(`unknown attribute "${key}" for type=${rule.type}`, `one of ${all.join(", ")}`);
    }
  }
  for (const key of REQUIRED_TAG_ATTRIBUTES[rule.type] ?? []) {
    if (rule.attributes[key] === void 0 || rule.attributes[key] === "") {
      throw new TagRuleError(
        `type=${rule.type} needs the "${key}" attribute`,
        `${key}=… (see metadata-action's tags input)`
      );
    }
  }
  if (rule.enable !== void 0 && !rule.enable.includes("{{") && !/^(true|false)$/i.test(rule.enable.trim())) {
    throw new TagRuleError(
      `enable "${rule.enable}" is neither true nor false`,
      "enable=true, enable=false or an expression such as {{is_default_branch}}"
    );
  }
  const { event, format, group } = rule.attributes;
  if (rule.type === "ref" && !REF_EVENTS.includes(event ?? "")) {
    throw new TagRuleError(`unknown ref event "${event}"`, `event=${REF_EVENTS.join("|")}`);
  }
  if (rule.type === "sha" && format !== void 0 && !SHA_FORMATS.includes(format)) {
    throw new TagRuleError(`unknown sha format "${format}"`, `format=${SHA_FORMATS.join("|")}`);
  }
  if (rule.type === "match" && group !== void 0 && !/^\d+$/.test(group)) {
    throw new TagRuleError(`group "${group}" is not a number`, "group=0, group=1, …");
  }
  return rule;
}
function formatTagLine(rule) {
  const parts = [["type", rule.type]];
  for (const key of TAG_TYPE_ATTRIBUTES[rule.type]) {
    const value2 = rule.attributes[key];
    if (value2 !== void 0) parts.push([key, value2]);
  }
  if (rule.prefix !== void 0) parts.push(["prefix", rule.prefix]);
  if (rule.suffix !== void 0) parts.push(["suffix", rule.suffix]);
  if (rule.enable !== void 0) parts.push(["enable", rule.enable]);
  if (rule.priority !== void 0) parts.push(["priority", String(rule.priority)]);
  return parts.map(([k, v]) => quoteCsvField(`${k}=${v}`)).join(",");
}
function quoteCsvField(field) {
  return /[",]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

// src/tags/lazy-dependencies.bundle.ts
var import_version = __toESM(require_version());
var import_semantic = __toESM(require_semantic());
var import_parse = __toESM(require_parse());
var import_prerelease = __toESM(require_prerelease());
var import_valid = __toESM(require_valid());
function semverLib() {
  return { valid: import_valid.default, parse: import_parse.default, prerelease: import_prerelease.default };
}
function pep440Lib() {
  return { valid: import_version.valid, clean: import_version.clean, explain: import_version.explain, major: import_semantic.major, minor: import_semantic.minor, patch: import_semantic.patch };
}

// src/tags/tag-values.ts
var skip = (reason, warning) => ({
  kind: "skip",
  reason,
  ...warning ? { warning } : {}
});
var value = (v, latestAuto, note, warnings = []) => ({
  kind: "value",
  value: v,
  latestAuto,
  warnings,
  ...note ? { note } : {}
});
function resolveRuleValue(rule, env) {
  const { context, render } = env;
  const attrs = rule.attributes;
  switch (rule.type) {
    case "schedule":
      if (!context.eventName.includes("schedule")) return skip(`event "${context.eventName}" is not a schedule`);
      return value(render.renderGlobal(attrs.pattern ?? "nightly"), false);
    case "semver":
      return resolveSemver(rule, env);
    case "pep440":
      return resolvePep440(rule, env);
    case "match":
      return resolveMatch(rule, env);
    case "edge": {
      const branch = getBranchName(context.ref);
      if (branch === void 0) return skip(`ref "${context.ref}" is not a branch`);
      const wanted = attrs.branch || context.repo.defaultBranch;
      if (branch !== wanted) return skip(`branch "${branch}" is not the edge branch "${wanted}"`);
      return value("edge", false);
    }
    case "ref":
      return resolveRef(attrs.event ?? "", context);
    case "raw":
      return value(render.renderGlobal(attrs.value ?? ""), false);
    case "sha":
      if (context.sha === "") return skip("the event has no commit SHA");
      return value(attrs.format === "long" ? context.sha : shortenSha(context.sha, env.shortShaLength), false);
  }
}
function resolveRef(event, context) {
  const { ref } = context;
  const name = event === "branch" ? getBranchName(ref) : event === "tag" ? getTagName(ref) : event === "pr" ? getPullRequestRef(ref) : void 0;
  if (name === void 0)
    return skip(`ref "${ref || "(none)"}" is not a ${event === "pr" ? "pull request" : event} ref`);
  return value(name, event === "tag");
}
function readVersionSource(rule, env) {
  const given = rule.attributes.value ?? "";
  return given !== "" ? env.render.renderGlobal(given) : getTagName(env.context.ref);
}
function compileRegExp(source, flags, what) {
  try {
    return new RegExp(source, flags);
  } catch (error) {
    throw new Error(`${what} "${source}" is not a valid regular expression: ${error.message}`);
  }
}
function applyMatch(source, match) {
  if (match === void 0 || match === "") return { candidate: source };
  const found = source.match(compileRegExp(match, void 0, "match"));
  if (!found)
    return { candidate: source, warning: `match "${match}" does not match "${source}"; using "${source}" as is` };
  return { candidate: found[1] ?? found[0] };
}
var NO_VERSION = "not a tag ref (refs/tags/…) and no value attribute";
function resolveSemver(rule, env) {
  const source = readVersionSource(rule, env);
  if (source === void 0) return skip(NO_VERSION);
  const { candidate, warning } = applyMatch(source, rule.attributes.match);
  const raw = candidate.replaceAll("/", "-");
  if (semverLib().valid(raw) === null) {
    const why = `"${raw}" is not a valid semver (https://semver.org/)`;
    return skip(why, warning ?? why);
  }
  const parsed = semverLib().parse(raw, { loose: true });
  const data = {
    raw: parsed.raw,
    version: parsed.version,
    major: parsed.major,
    minor: parsed.minor,
    patch: parsed.patch,
    prerelease: parsed.prerelease,
    build: parsed.build
  };
  const pattern = rule.attributes.pattern ?? "";
  if (semverLib().prerelease(raw) !== null) {
    if (isRawStatement(pattern))
      return value(env.render.renderPattern(pattern, data), false, `pre-release ${raw} is kept raw`);
    const note = `pre-release ${parsed.version} only gets {{version}}, and no latest`;
    return value(env.render.renderPattern("{{version}}", data), false, note);
  }
  return value(
    env.render.renderPattern(pattern, data),
    true,
    void 0,
    listMajorZeroWarnings(rule, parsed.major, raw)
  );
}
function resolvePep440(rule, env) {
  const source = readVersionSource(rule, env);
  if (source === void 0) return skip(NO_VERSION);
  const { candidate, warning } = applyMatch(source, rule.attributes.match);
  const raw = candidate.replaceAll("/", "-");
  const explained = pep440Lib().valid(raw) === null ? null : pep440Lib().explain(raw);
  if (explained === null) {
    const why = `"${raw}" does not conform to PEP 440 (https://peps.python.org/pep-0440/)`;
    return skip(why, warning ?? why);
  }
  const pattern = rule.attributes.pattern ?? "";
  const clean2 = pep440Lib().clean(raw) ?? raw;
  if (explained.is_prerelease || explained.is_postrelease || explained.is_devrelease) {
    if (isRawStatement(pattern)) return value(raw, false, `pre/post/dev release ${raw} is kept raw`);
    return value(clean2, false, `pre/post/dev release ${clean2} only gets {{version}}, and no latest`);
  }
  const major2 = pep440Lib().major(raw);
  const data = { raw, version: clean2, major: major2, minor: pep440Lib().minor(raw), patch: pep440Lib().patch(raw) };
  return value(env.render.renderPattern(pattern, data), true, void 0, listMajorZeroWarnings(rule, major2, raw));
}
function resolveMatch(rule, env) {
  const source = readVersionSource(rule, env);
  if (source === void 0) return skip(NO_VERSION);
  const pattern = rule.attributes.pattern ?? "";
  const literal = /^\/(.+)\/(.*)$/.exec(pattern);
  const regexp = literal ? compileRegExp(literal[1], literal[2], "pattern") : compileRegExp(pattern, void 0, "pattern");
  const found = source.match(regexp);
  if (!found) {
    const why = `pattern "${pattern}" does not match "${source}"`;
    return skip(why, why);
  }
  const group = rule.attributes.group ?? "0";
  const picked = found[Number(group)];
  if (picked === void 0) {
    const why = `group ${group} does not exist for pattern "${pattern}" on "${source}"`;
    return skip(why, why);
  }
  return value(picked, true);
}
var SPECIFIC_PARTS = ["minor", "patch", "version", "raw", "prerelease", "build"];
function listMajorZeroWarnings(rule, major2, raw) {
  const parts = listTemplatePaths(rule.attributes.pattern ?? "");
  if (major2 !== 0 || !parts.has("major") || SPECIFIC_PARTS.some((part) => parts.has(part))) return [];
  return [
    `pattern "${rule.attributes.pattern}" publishes a major-zero tag for ${raw}: it moves with every 0.y.z release, which may break the API; add enable=false for 0.x versions or use {{major}}.{{minor}} (see https://github.com/docker/metadata-action#major-version-zero)`
  ];
}

// src/tags/version.ts
var DEFAULT_TAG_LINES = [
  "type=schedule",
  "type=ref,event=branch",
  "type=ref,event=tag",
  "type=ref,event=pr"
];
function planTagRules(tags) {
  const selected = selectInputLines(tags);
  const inputs = selected.length === 0 ? [...DEFAULT_TAG_LINES] : selected;
  const planned = inputs.map((input) => {
    const label = typeof input === "string" ? input : safeFormat(input);
    const rule = withInputContext(
      "tags",
      label,
      () => typeof input === "string" ? parseTagLine(input) : validateTagRule(input)
    );
    return { rule, label, priority: rule.priority ?? DEFAULT_TAG_PRIORITIES[rule.type] };
  });
  return planned.sort((a, b) => b.priority - a.priority);
}
function safeFormat(rule) {
  try {
    return formatTagLine(rule);
  } catch {
    return `type=${String(rule.type)}`;
  }
}
function computeVersion(plan, env) {
  let main = null;
  const partial = [];
  let latest;
  const explain2 = [];
  const warnings = [];
  for (const { rule, label, priority } of plan) {
    const note = (entry) => {
      explain2.push({ rule: label, priority, ...entry });
    };
    const step = withInputContext("tags", label, () => {
      if (!isEnabled(rule, env)) return void 0;
      const resolved = resolveRuleValue(rule, env);
      return resolved.kind === "skip" ? resolved : { ...resolved, value: applyAffixes(resolved.value, rule, env) };
    });
    if (step === void 0) {
      note({ outcome: "disabled", reason: `enable=${rule.enable ?? "true"} is false` });
      continue;
    }
    if (step.kind === "skip") {
      if (step.warning) warnings.push(`${label}: ${step.warning}`);
      note({ outcome: "skipped", reason: step.reason });
      continue;
    }
    warnings.push(...step.warnings.map((warning) => `${label}: ${warning}`));
    if (step.value === "") {
      note({ outcome: "skipped", reason: "the value is empty" });
      continue;
    }
    const fixed = fixOciTag(step.value);
    warnings.push(...fixed.changes.map((change) => `${label}: ${change}`));
    if (fixed.tag === void 0) {
      note({ outcome: "skipped", reason: fixed.changes.join("; ") });
      continue;
    }
    const tag = fixed.tag;
    const details = [step.note, ...fixed.changes].filter((text) => text !== void 0).join("; ");
    const ruleLatest = env.flavor.latest === "auto" ? step.latestAuto : env.flavor.latest === "true";
    if (latest === void 0) latest = ruleLatest;
    if (main === null) {
      main = tag;
      note({ outcome: "main", tag, reason: joinReason("first tag by priority: the version", details) });
    } else if (tag === main || partial.includes(tag)) {
      note({ outcome: "duplicate", tag, reason: joinReason("an earlier rule already produced this tag", details) });
    } else {
      partial.push(tag);
      note({ outcome: "partial", tag, reason: joinReason("additional tag", details) });
    }
  }
  return { version: { main, partial, latest: latest ?? false }, explain: explain2, warnings };
}
function joinReason(base, details) {
  return details === "" ? base : `${base} (${details})`;
}
function isEnabled(rule, env) {
  const enable = rule.enable ?? "true";
  const rendered = env.render.renderGlobal(enable);
  if (rendered !== "true" && rendered !== "false") {
    throw new MetaInputError("tags", "", `enable="${enable}" renders to "${rendered}", expected true or false`);
  }
  return rendered === "true";
}
function getOwnPrefix(rule) {
  if (rule.prefix !== void 0) return rule.prefix;
  if (rule.type === "sha") return "sha-";
  if (rule.type === "ref" && rule.attributes.event === "pr") return "pr-";
  return void 0;
}
function applyAffixes(value2, rule, env) {
  const prefix = getOwnPrefix(rule) ?? env.flavor.prefix;
  const suffix = rule.suffix ?? env.flavor.suffix;
  return `${env.render.renderGlobal(prefix)}${value2}${env.render.renderGlobal(suffix)}`;
}
function renderLatestTag(env) {
  const { flavor, render } = env;
  const prefix = flavor.prefixLatest ? render.renderGlobal(flavor.prefix) : "";
  const suffix = flavor.suffixLatest ? render.renderGlobal(flavor.suffix) : "";
  return fixOciTag(`${prefix}latest${suffix}`);
}

// src/tags/compute-meta.ts
function computeMeta(inputs, context, clock) {
  if (Number.isNaN(clock.getTime())) throw new MetaInputError("options", "", "clock is not a valid date");
  const shortShaLength = inputs.shortShaLength ?? DEFAULT_SHORT_SHA_LENGTH;
  if (!Number.isInteger(shortShaLength) || shortShaLength < 1) {
    throw new MetaInputError("options", String(shortShaLength), "shortShaLength must be a positive integer");
  }
  const levels = selectAnnotationLevels(inputs.annotationLevels);
  const images = selectImageNames(parseImages(inputs.images));
  const flavor = parseFlavor(inputs.flavor);
  const plan = planTagRules(inputs.tags);
  const render = withInputContext("context", "", () => createTemplateRenderer({ context, clock, shortShaLength }));
  const env = { context, render, shortShaLength, flavor };
  const { version, explain: explain2, warnings } = computeVersion(plan, env);
  const names = [];
  if (version.main !== null) {
    names.push(version.main, ...version.partial);
    const latest = withInputContext("flavor", "", () => renderLatestTag(env));
    warnings.push(...latest.changes.map((change) => `latest: ${change}`));
    if (version.latest && latest.tag !== void 0 && !names.includes(latest.tag)) names.push(latest.tag);
    explain2.push(explainLatest(version, latest.tag, flavor.latest));
  } else {
    warnings.push("no tag was generated: check the tags input");
  }
  const tags = images.length === 0 ? names : images.flatMap((image) => names.map((name) => `${image}:${name}`));
  const base = listOciLabels(context, version.main, clock);
  const labels = mergeCustom("labels", base, inputs.labels, render, warnings);
  const annotations = mergeCustom("annotations", base, inputs.annotations, render, warnings);
  const json = {
    tags,
    "tag-names": names,
    labels: convertLabelsToObject(labels),
    annotations: applyAnnotationLevels(annotations, levels)
  };
  return { version, tags, labels, annotations, json, explain: explain2, warnings };
}
function explainLatest(version, tag, mode) {
  const rule = `flavor latest=${mode}`;
  if (!version.latest) {
    const reason2 = mode === "auto" ? "the first rule that produced a tag does not ask for latest" : "latest=false";
    return { rule, outcome: "skipped", reason: reason2 };
  }
  if (tag === void 0) return { rule, outcome: "skipped", reason: "the latest tag is not a valid OCI tag" };
  const reason = mode === "auto" ? "the first rule that produced a tag asks for latest" : "latest=true";
  return { rule, outcome: "latest", tag, reason };
}
function mergeCustom(input, base, lines, render, warnings) {
  const custom = selectInputLines(lines).map((line) => withInputContext(input, line, () => render.renderGlobal(line)));
  const { merged, dropped } = mergeKeyValues([...base, ...custom]);
  warnings.push(...dropped.map((entry) => `${input}: "${entry}" has no "=" and is ignored`));
  return merged;
}
function selectAnnotationLevels(levels) {
  const selected = (levels ?? []).map((level) => level.trim()).filter((level) => level !== "");
  for (const level of selected) {
    if (!ANNOTATION_LEVEL_PATTERN.test(level)) {
      throw new MetaInputError(
        "options",
        level,
        "unknown annotation level (expected manifest, index, manifest-descriptor or index-descriptor)"
      );
    }
  }
  return selected.length === 0 ? [...DEFAULT_ANNOTATION_LEVELS] : selected;
}

// src/tags/explain.ts
function formatExplain(entries) {
  const marks = {
    main: "+",
    partial: "+",
    latest: "+",
    duplicate: "=",
    skipped: "-",
    disabled: "-"
  };
  const width = Math.max(0, ...entries.map((entry) => entry.outcome.length));
  return entries.map((entry) => {
    const tag = entry.tag === void 0 ? "" : ` ${entry.tag}`;
    return `${marks[entry.outcome]} ${entry.outcome.padEnd(width)}${tag}  ${entry.rule}: ${entry.reason}`;
  });
}

// src/tags/github-context.ts
function readMetaOptionsFromEnv(env) {
  const options = {};
  const length = env.DOCKER_METADATA_SHORT_SHA_LENGTH?.trim();
  if (length) {
    if (!/^\d+$/.test(length) || Number(length) < 1) {
      throw new MetaInputError("options", length, "DOCKER_METADATA_SHORT_SHA_LENGTH is not a positive integer");
    }
    options.shortShaLength = Number(length);
  }
  const levels = env.DOCKER_METADATA_ANNOTATIONS_LEVELS?.trim();
  if (levels) options.annotationLevels = levels.split(",").map((level) => level.trim());
  return options;
}

// src/tags/gitlab-context.ts
function contextFromGitlab(vars) {
  const get = (name) => {
    const value2 = vars[name];
    return value2 === void 0 || value2 === "" ? void 0 : value2;
  };
  const source = get("CI_PIPELINE_SOURCE") ?? "";
  const eventName = EVENT_NAMES[source] ?? source;
  const mrIid = get("CI_MERGE_REQUEST_IID");
  const isMergeRequest = eventName === "pull_request" && mrIid !== void 0;
  const tag = get("CI_COMMIT_TAG");
  const branch = get("CI_COMMIT_BRANCH") ?? (tag === void 0 && !isMergeRequest ? get("CI_COMMIT_REF_NAME") : void 0);
  const ref = tag !== void 0 ? `refs/tags/${tag}` : isMergeRequest ? `refs/pull/${mrIid}/merge` : branch !== void 0 ? `refs/heads/${branch}` : "";
  const prHeadSha = get("CI_MERGE_REQUEST_SOURCE_BRANCH_SHA");
  const usePrHead = /^true$/i.test((get("DOCKER_METADATA_PR_HEAD_SHA") ?? "").trim()) && isMergeRequest && prHeadSha !== void 0;
  const baseRef = tag !== void 0 ? get("DOCKYARD_BASE_REF") : isMergeRequest ? get("CI_MERGE_REQUEST_TARGET_BRANCH_NAME") : void 0;
  const headRef = get("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME");
  const commitDate = toIso(get("CI_COMMIT_TIMESTAMP"));
  const defaultBranch = get("CI_DEFAULT_BRANCH");
  return {
    eventName,
    ref,
    sha: usePrHead ? prHeadSha : get("CI_COMMIT_SHA") ?? "",
    repo: {
      name: get("CI_PROJECT_NAME") ?? "",
      fullName: get("CI_PROJECT_PATH") ?? "",
      description: get("CI_PROJECT_DESCRIPTION") ?? "",
      url: get("CI_PROJECT_URL") ?? "",
      license: get("DOCKYARD_PROJECT_LICENSE") ?? "",
      defaultBranch: defaultBranch ?? ""
    },
    ...defaultBranch !== void 0 ? { defaultBranch } : {},
    ...baseRef !== void 0 ? { baseRef } : {},
    ...headRef !== void 0 ? { headRef } : {},
    ...isMergeRequest ? { prNumber: Number(mrIid) } : {},
    ...prHeadSha !== void 0 && isMergeRequest ? { prHeadSha } : {},
    ...commitDate !== void 0 ? { commitDate } : {}
  };
}
var EVENT_NAMES = {
  push: "push",
  merge_request_event: "pull_request",
  external_pull_request_event: "pull_request",
  schedule: "schedule",
  web: "workflow_dispatch",
  api: "workflow_dispatch",
  trigger: "workflow_dispatch",
  pipeline: "workflow_dispatch",
  parent_pipeline: "workflow_dispatch",
  chat: "workflow_dispatch"
};
function toIso(timestamp) {
  if (timestamp === void 0) return void 0;
  const date = new Date(timestamp);
  return Number.isNaN(date.getTime()) ? void 0 : date.toISOString();
}

// src/tags/meta-dotenv.ts
var GITLAB_DOTENV_MAX_BYTES = 5 * 1024;
function renderMetaDotenv(result) {
  const encode = (items) => items.map((item) => item.replaceAll("\\", "\\\\").replace(/\r?\n/g, "\\n")).join("\\n");
  const text = [
    `DOCKYARD_VERSION=${encode([result.version.main ?? ""])}`,
    `DOCKYARD_TAGS=${encode(result.tags)}`,
    `DOCKYARD_LABELS=${encode(result.labels)}`,
    `DOCKYARD_ANNOTATIONS=${encode(result.annotations)}`,
    ""
  ].join("\n");
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > GITLAB_DOTENV_MAX_BYTES) {
    throw new Error(
      `the metadata dotenv report is ${bytes} bytes; GitLab accepts at most ${GITLAB_DOTENV_MAX_BYTES} (fewer registries, tags or labels)`
    );
  }
  return text;
}
function splitInputLines(value2) {
  return (value2 ?? "").split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== "");
}

// src/tags/plan-gitlab-meta.ts
var GITLAB_META_DEFAULT_PATHS = { dotenv: "dockyard/meta.env", json: "dockyard/meta.json" };
function planGitlabMeta(argv, env, now) {
  const [dotenvPath = GITLAB_META_DEFAULT_PATHS.dotenv, jsonPath = GITLAB_META_DEFAULT_PATHS.json] = argv;
  const epoch = env.SOURCE_DATE_EPOCH?.trim();
  const clock = epoch ? new Date(Number(epoch) * 1e3) : now;
  const vars = Object.fromEntries(Object.entries(env).filter((e) => e[1] !== void 0));
  const result = computeMeta(
    {
      images: splitInputLines(env.DOCKYARD_META_IMAGES),
      tags: splitInputLines(env.DOCKYARD_META_TAGS),
      flavor: splitInputLines(env.DOCKYARD_META_FLAVOR),
      labels: splitInputLines(env.DOCKYARD_META_LABELS),
      annotations: splitInputLines(env.DOCKYARD_META_ANNOTATIONS),
      ...readMetaOptionsFromEnv(vars)
    },
    contextFromGitlab(vars),
    clock
  );
  return {
    files: [
      { path: dotenvPath, text: renderMetaDotenv(result) },
      { path: jsonPath, text: `${JSON.stringify(result, null, 2)}
` }
    ],
    log: [
      `version: ${result.version.main ?? "(none)"}`,
      `tags:
${result.tags.map((t) => `  ${t}`).join("\n") || "  (none)"}`,
      ...formatExplain(result.explain),
      ...result.warnings.map((warning) => `warning: ${warning}`)
    ]
  };
}

// src/io/gitlab-meta-main.ts
try {
  const run = planGitlabMeta(process.argv.slice(2), process.env, /* @__PURE__ */ new Date());
  for (const dir of new Set(run.files.map((file) => dirname(file.path)))) mkdirSync(dir, { recursive: true });
  for (const file of run.files) writeFileSync(file.path, file.text);
  for (const line of run.log) console.log(line);
  process.exitCode = 0;
} catch (error) {
  console.error(`dockyard metadata: ${error.message}`);
  process.exitCode = 1;
}
