import { Flex, Spin } from 'antd';

/** A centred spinner for the moment before the first page can show. */
export function FullPageSpin() {
  return (
    <Flex align="center" justify="center" style={{ minHeight: '60vh' }}>
      <Spin size="large" />
    </Flex>
  );
}
