/**
 * Common passwords that must never be accepted, compared case-insensitively. Short ones are listed
 * too because the check also looks at a password with its trailing digits and symbols removed
 * ("password2024!" is "password" plus a suffix). Drawn from the widely published most-common lists
 * and the patterns typical of Chinese users (pinyin, 520/1314 dates, QQ numbers, keyboard walks).
 */
export const COMMON_PASSWORDS: readonly string[] = [
  '123456', '123456789', '12345678', '1234567890', '12345', '1234567', '123123', '111111', '000000', '666666',
  '888888', '123321', '654321', '112233', '121212', '123654', '159357', '147258', '147258369', '123456a',
  'a123456', 'a12345678', 'abc123', 'abc123456', 'abcd1234', 'aa123456', 'qq123456', 'q1w2e3r4', 'q1w2e3r4t5',
  '1q2w3e4r', '1qaz2wsx', '1qaz2wsx3edc', 'zaq12wsx', 'qwerty', 'qwerty123', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm',
  'asdf1234', 'qwer1234', 'zxcv1234', '1q2w3e', 'password', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'pass1234',
  'password1', 'iloveyou', 'admin', 'admin123', 'administrator', 'root', 'toor', 'welcome', 'letmein', 'monkey',
  'dragon', 'master', 'sunshine', 'princess', 'football', 'baseball', 'superman', 'trustno1', 'shadow', 'michael',
  'changeme', 'default', 'guest', 'test', 'test123', 'user', 'login', 'secret', 'hello', 'hello123', 'welcome1',
  'woaini', 'woaini1314', 'woaini520', 'wo123456', '5201314', '1314520', '520520', '5211314', 'aini1314',
  'woainima', 'woaiwojia', 'nihao', 'nihao123', 'zhang', 'zhangwei', 'wangwei', 'liuyang', 'wang', 'li', 'zhao',
  'chen', 'yang', 'huang', 'zhongguo', 'beijing', 'shanghai', 'hebei', 'shandong', 'hubei', 'china', 'chinese',
  'qazwsx', 'qazwsxedc', 'qweasd', 'qweasdzxc', '1qazxsw2', 'abc', 'abcdef', 'abcdefg', 'abcdefgh', 'aaaaaa',
  'aaaaaaaa', 'a1b2c3', 'a1b2c3d4', 'iloveyou1', 'lovely', 'love', 'fuckyou', 'ninja', 'mustang', 'access',
  'batman', 'starwars', 'whatever', 'freedom', 'computer', 'internet', 'system', 'server', 'database', 'oracle',
  'mysql', 'postgres', 'postgresql', 'manager', 'company', 'office', 'gongsi', 'gongye', 'xinxihua', 'gongxinting',
  'zhengfu', 'caizheng', 'shenbao', 'pingtai', 'qiye', 'mima', 'mima123', 'mimamima', 'woshishui', 'jiayou',
  '12345678910', '123456789a', '123456789abc', '1234567890a', '1234567890ab', '123456789012', '1234567890123',
  '12345678901234', '0123456789', '9876543210', '987654321', '11111111', '00000000', '88888888', '66666666',
  '12341234', '123123123', '123456123456', '147852369', '741852963', '159753', 'qwertyuiop12', 'qwertyuiop123',
  'asdfghjkl123', 'zxcvbnm123', '1qaz2wsx3edc4rfv', 'qwer1234asdf', 'password123', 'password1234',
  'password12345', 'password@123', 'password#123', 'password!123', 'p@ssw0rd123', 'p@ssw0rd1234', 'passw0rd123',
  'admin@123', 'admin123456', 'admin1234567', 'admin@123456', 'administrator1', 'welcome123', 'welcome@123',
  'iloveyou1234', 'woaini123456', 'woaini5201314', 'aa123456789', 'qq123456789', 'abc123456789', 'abcd12345678',
  'a1234567890', 'abcdefg12345', 'abcdefghijkl', 'abcdefghijk1', 'letmein12345', 'changeme1234', 'changeme123',
  'qwerty123456', 'qwe123456789', 'qweqweqweqwe', 'asdasdasdasd', 'zxczxczxczxc', '!qaz2wsx3edc', '!qaz@wsx#edc',
  '1qaz@wsx3edc', '1qaz!qaz1qaz', 'zaq1@wsx', 'zaq1zaq1', 'zaq1xsw2cde3', 'passwordpassword',
];
